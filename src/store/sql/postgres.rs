//! The PostgreSQL implementation of the seam, on the `postgres` crate (synchronous).
//!
//! A [`Session`] is one connection and its statement cache. The store runs a transaction on it
//! with plain `BEGIN` / `COMMIT` (`crate::store::postgres`), and hands the flow a [`Db`] over the
//! session: every statement of that transaction goes through it. The shared SQL text uses
//! SQLite's `?N` placeholders; [`to_dollar_placeholders`] rewrites them to PostgreSQL's `$N` once,
//! when the statement is first prepared on a connection, and the prepared statement is cached by
//! its original text, so a statement that set-commits runs 15,000 times is parsed once.
//!
//! Rows are read in full before a row closure runs, so a closure may run another statement on
//! the same [`Db`] (as it may on SQLite).

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::binary_copy::{BinaryCopyInWriter, BinaryCopyOutIter};
use postgres::error::SqlState;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};

use super::{Db, DbError, DbResult, ErrorInner, Inner, Param, Row, RowInner};

pub(super) type RawRow = postgres::Row;

/// One PostgreSQL connection and the statements prepared on it.
pub struct Session {
    client: RefCell<Client>,
    cache: RefCell<HashMap<String, Statement>>,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Runs statements without parameters (transaction control, schema scripts).
    pub fn batch(&self, sql: &str) -> DbResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// Whether the server closed the connection (it must not go back to a pool).
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    /// Runs `COPY ... FROM STDIN (FORMAT binary)` with columns of `types`: `fill` writes the
    /// rows, and the number the server stored is returned. A `fill` that fails aborts the copy,
    /// and with it the transaction.
    pub fn copy_in<E: From<DbError>>(
        &self,
        sql: &str,
        types: &[Type],
        fill: impl FnOnce(&mut BinaryCopyInWriter<'_>) -> Result<(), E>,
    ) -> Result<u64, E> {
        let mut client = self.client.borrow_mut();
        let writer = client.copy_in(sql).map_err(DbError::from)?;
        let mut writer = BinaryCopyInWriter::new(writer, types);
        fill(&mut writer)?;
        Ok(writer.finish().map_err(DbError::from)?)
    }

    /// Runs `COPY (...) TO STDOUT (FORMAT binary)` with columns of `types` and hands the rows,
    /// streamed as the server sends them, to `read`.
    pub fn copy_out<T, E: From<DbError>>(
        &self,
        sql: &str,
        types: &[Type],
        read: impl FnOnce(&mut BinaryCopyOutIter<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut client = self.client.borrow_mut();
        let reader = client.copy_out(sql).map_err(DbError::from)?;
        read(&mut BinaryCopyOutIter::new(reader, types))
    }

    fn prepared(&self, sql: &str) -> DbResult<Statement> {
        if let Some(statement) = self.cache.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(&to_dollar_placeholders(sql))?;
        self.cache
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    fn rows(&self, sql: &str, params: &[Param<'_>]) -> DbResult<Vec<RawRow>> {
        let statement = self.prepared(sql)?;
        let bound = bind(params);
        Ok(self.client.borrow_mut().query(&statement, &bound)?)
    }
}

impl<'c> Db<'c> {
    /// The store's SQL on a PostgreSQL session inside a transaction the caller began.
    pub(crate) fn postgres(session: &'c Session) -> Db<'c> {
        Db {
            inner: Inner::Postgres(session),
        }
    }
}

/// A failure of the PostgreSQL side: the driver's, or one the seam found itself.
#[derive(Debug)]
pub enum PgError {
    Driver(postgres::Error),
    /// A query that must return a row returned none.
    NoRows,
    /// A column read as a type it does not hold.
    Type {
        column: usize,
        found: Type,
    },
}

impl std::fmt::Display for PgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PgError::Driver(err) => match err.as_db_error() {
                Some(db) => f.write_str(db.message()),
                None => write!(f, "{err}"),
            },
            PgError::NoRows => f.write_str("query returned no rows"),
            PgError::Type { column, found } => {
                write!(f, "column {column} holds {found}, not the type read")
            }
        }
    }
}

impl PgError {
    /// The SQLSTATE of a server-side error.
    pub fn code(&self) -> Option<&SqlState> {
        match self {
            PgError::Driver(err) => err.code(),
            _ => None,
        }
    }

    /// Whether the connection (not the statement) failed: the server is down or went away.
    pub fn is_connection(&self) -> bool {
        match self {
            PgError::Driver(err) => {
                err.is_closed() || err.as_db_error().is_none() && err.code().is_none()
            }
            _ => false,
        }
    }
}

impl From<postgres::Error> for DbError {
    fn from(err: postgres::Error) -> Self {
        DbError {
            inner: ErrorInner::Postgres(PgError::Driver(err)),
        }
    }
}

pub(super) fn is_unique_violation(err: &PgError) -> bool {
    err.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// A [`Param`] bound to whatever type PostgreSQL inferred for its placeholder: integers to any
/// integer width that holds them, text to text, booleans to `boolean` (or 0/1 to an integer).
impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(value) => match *ty {
                Type::INT2 => i16::try_from(value)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(value)?.to_sql(ty, out),
                Type::BOOL => (value != 0).to_sql(ty, out),
                Type::FLOAT8 => (value as f64).to_sql(ty, out),
                _ => value.to_sql(ty, out),
            },
            Param::Real(value) => value.to_sql(ty, out),
            Param::Text(value) => value.to_sql(ty, out),
            Param::Bool(value) => match *ty {
                Type::INT2 | Type::INT4 | Type::INT8 => i64::from(value).to_sql(&Type::INT8, out),
                _ => value.to_sql(ty, out),
            },
        }
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT2
                | Type::INT4
                | Type::INT8
                | Type::BOOL
                | Type::FLOAT8
                | Type::TEXT
                | Type::VARCHAR
                | Type::BPCHAR
                | Type::NAME
                | Type::UNKNOWN
                | Type::JSON
                | Type::JSONB
        )
    }

    to_sql_checked!();
}

fn bind<'p>(params: &'p [Param<'_>]) -> Vec<&'p (dyn ToSql + Sync)> {
    params
        .iter()
        .map(|param| param as &(dyn ToSql + Sync))
        .collect()
}

/// Reads column `idx` of `row` as an integer, whatever integer width (or boolean) it has.
pub(super) fn get_i64(row: &RawRow, idx: usize) -> DbResult<Option<i64>> {
    let ty = column_type(row, idx)?;
    let value = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(idx)?,
        Type::INT4 => row.try_get::<_, Option<i32>>(idx)?.map(i64::from),
        Type::INT2 => row.try_get::<_, Option<i16>>(idx)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(idx)?.map(i64::from),
        found => return Err(type_error(idx, found)),
    };
    Ok(value)
}

pub(super) fn get_bool(row: &RawRow, idx: usize) -> DbResult<Option<bool>> {
    match column_type(row, idx)? {
        Type::BOOL => Ok(row.try_get::<_, Option<bool>>(idx)?),
        _ => Ok(get_i64(row, idx)?.map(|value| value != 0)),
    }
}

pub(super) fn get_f64(row: &RawRow, idx: usize) -> DbResult<Option<f64>> {
    match column_type(row, idx)? {
        Type::FLOAT8 => Ok(row.try_get::<_, Option<f64>>(idx)?),
        Type::FLOAT4 => Ok(row.try_get::<_, Option<f32>>(idx)?.map(f64::from)),
        _ => Ok(get_i64(row, idx)?.map(|value| value as f64)),
    }
}

pub(super) fn get_text(row: &RawRow, idx: usize) -> DbResult<Option<String>> {
    match column_type(row, idx)? {
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            Ok(row.try_get::<_, Option<String>>(idx)?)
        }
        found => Err(type_error(idx, found)),
    }
}

fn column_type(row: &RawRow, idx: usize) -> DbResult<Type> {
    row.columns()
        .get(idx)
        .map(|column| column.type_().clone())
        .ok_or_else(|| type_error(idx, Type::VOID))
}

fn type_error(column: usize, found: Type) -> DbError {
    DbError {
        inner: ErrorInner::Postgres(PgError::Type { column, found }),
    }
}

/// A NULL where a value was required.
pub(super) fn null_error(column: usize) -> DbError {
    type_error(column, Type::VOID)
}

pub(super) fn execute(session: &Session, sql: &str, params: &[Param<'_>]) -> DbResult<usize> {
    let statement = session.prepared(sql)?;
    let bound = bind(params);
    let changed = session.client.borrow_mut().execute(&statement, &bound)?;
    Ok(usize::try_from(changed).unwrap_or(usize::MAX))
}

/// `INSERT ... RETURNING id`: PostgreSQL has no `last_insert_rowid()`.
pub(super) fn insert(session: &Session, sql: &str, params: &[Param<'_>]) -> DbResult<i64> {
    let returning = format!("{sql} RETURNING id");
    let rows = session.rows(&returning, params)?;
    let row = rows.first().ok_or(DbError {
        inner: ErrorInner::Postgres(PgError::NoRows),
    })?;
    get_i64(row, 0)?.ok_or_else(|| null_error(0))
}

pub(super) fn query_opt<T>(
    session: &Session,
    sql: &str,
    params: &[Param<'_>],
    read: impl FnOnce(&Row<'_>) -> DbResult<T>,
) -> DbResult<Option<T>> {
    let rows = session.rows(sql, params)?;
    match rows.first() {
        Some(row) => Ok(Some(read(&Row {
            inner: RowInner::Postgres(row),
        })?)),
        None => Ok(None),
    }
}

pub(super) fn query_one<T>(
    session: &Session,
    sql: &str,
    params: &[Param<'_>],
    read: impl FnOnce(&Row<'_>) -> DbResult<T>,
) -> DbResult<T> {
    query_opt(session, sql, params, read)?.ok_or(DbError {
        inner: ErrorInner::Postgres(PgError::NoRows),
    })
}

pub(super) fn query_each(
    session: &Session,
    sql: &str,
    params: &[Param<'_>],
    mut each: impl FnMut(&Row<'_>) -> DbResult<()>,
) -> DbResult<()> {
    for row in &session.rows(sql, params)? {
        each(&Row {
            inner: RowInner::Postgres(row),
        })?;
    }
    Ok(())
}

/// Rewrites SQLite's `?N` placeholders to PostgreSQL's `$N`, leaving string literals, quoted
/// identifiers and comments alone.
pub fn to_dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::to_dollar_placeholders;

    #[test]
    fn placeholders_become_dollars_outside_literals_and_identifiers() {
        assert_eq!(
            to_dollar_placeholders("SELECT ?2, ?1 FROM t WHERE a = '?1' AND \"?3\" = ?12 -- ?4\n"),
            "SELECT $2, $1 FROM t WHERE a = '?1' AND \"?3\" = $12 -- ?4\n"
        );
        assert_eq!(
            to_dollar_placeholders("SELECT 'it''s ?1', ?1"),
            "SELECT 'it''s ?1', $1"
        );
        assert_eq!(to_dollar_placeholders("x ? y"), "x ? y");
    }
}
