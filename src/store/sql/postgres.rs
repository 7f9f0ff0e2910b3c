//! The PostgreSQL implementation of the seam, on the `postgres` crate (synchronous).
//!
//! A [`Session`] is one connection and its statement cache. The store runs a transaction on it
//! with plain `BEGIN` / `COMMIT` (`crate::store::postgres`), and hands the flow a [`Db`] over the
//! session: every statement of that transaction goes through it. The shared SQL text uses
//! SQLite's `?N` placeholders; [`to_dollar_placeholders`] rewrites them to PostgreSQL's `$N`.
//!
//! A statement's first run on a connection is one round trip: parsed, bound and run unnamed
//! (`query_typed_raw`), its parameters of an unspecified type, so the server infers each type
//! exactly as it does when preparing. Most statements of a one-shot command run once, and
//! preparing them would cost a second round trip each. A statement run again on the connection
//! is prepared then and cached by its original text, so a statement that set-commits runs
//! 15,000 times (or a pooled `serve` connection runs per request) is parsed twice, not 15,000
//! times. Parameters are sent as text either way ([`Untyped`]).
//!
//! Rows are read in full before a row closure runs, so a closure may run another statement on
//! the same [`Db`] (as it may on SQLite).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use postgres::binary_copy::{BinaryCopyInWriter, BinaryCopyOutIter};
use postgres::error::SqlState;
use postgres::types::{Format, IsNull, Kind, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};

use super::{Db, DbError, DbResult, ErrorInner, Inner, Param, Row, RowInner};

pub(super) type RawRow = postgres::Row;

/// One PostgreSQL connection and the statements prepared on it.
pub struct Session {
    client: RefCell<Client>,
    cache: RefCell<HashMap<String, Statement>>,
    /// Statements run once, unprepared: the next run prepares them.
    seen: RefCell<HashSet<String>>,
}

impl Session {
    pub fn new(client: Client) -> Session {
        Session {
            client: RefCell::new(client),
            cache: RefCell::new(HashMap::new()),
            seen: RefCell::new(HashSet::new()),
        }
    }

    /// Runs statements without parameters (transaction control, schema scripts).
    pub fn batch(&self, sql: &str) -> DbResult<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// Runs `begin` and then `select` in one round trip (the simple query protocol, which takes
    /// no parameters): the first row's columns as integers, `None` without a row. When
    /// `select` fails the transaction is left aborted, for the caller to roll back.
    pub fn begin_and_read(&self, begin: &str, select: &str) -> DbResult<Option<Vec<i64>>> {
        use postgres::SimpleQueryMessage;
        let messages = self
            .client
            .borrow_mut()
            .simple_query(&format!("{begin}; {select}"))?;
        for message in &messages {
            if let SimpleQueryMessage::Row(row) = message {
                let mut values = Vec::with_capacity(row.len());
                for idx in 0..row.len() {
                    let value = row.try_get(idx)?.and_then(|text| text.parse::<i64>().ok());
                    values.push(value.ok_or_else(|| null_error(idx))?);
                }
                return Ok(Some(values));
            }
        }
        Ok(None)
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

    /// The prepared statement of `sql`, prepared now if it ran before; `None` on its first run
    /// (see the module docs).
    fn prepared(&self, sql: &str) -> DbResult<Option<Statement>> {
        if let Some(statement) = self.cache.borrow().get(sql) {
            return Ok(Some(statement.clone()));
        }
        if self.seen.borrow_mut().insert(sql.to_string()) {
            return Ok(None);
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(&to_dollar_placeholders(sql))?;
        self.cache
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(Some(statement))
    }

    /// Runs `sql`: its rows, and how many rows it changed.
    fn run(&self, sql: &str, params: &[Param<'_>]) -> DbResult<(Vec<RawRow>, u64)> {
        use postgres::fallible_iterator::FallibleIterator;
        let prepared = self.prepared(sql)?;
        let mut client = self.client.borrow_mut();
        let mut rows = match prepared {
            None => {
                let typed = params.iter().map(|param| (Untyped(param), unspecified()));
                client.query_typed_raw(&to_dollar_placeholders(sql), typed)?
            }
            Some(statement) => client.query_raw(&statement, params.iter().map(Untyped))?,
        };
        let collected: Vec<RawRow> = rows.by_ref().collect()?;
        let changed = rows.rows_affected().unwrap_or(0);
        Ok((collected, changed))
    }

    fn rows(&self, sql: &str, params: &[Param<'_>]) -> DbResult<Vec<RawRow>> {
        Ok(self.run(sql, params)?.0)
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

pub(super) fn is_undefined_table(err: &PgError) -> bool {
    err.code() == Some(&SqlState::UNDEFINED_TABLE)
}

/// A [`Param`] in PostgreSQL's binary format, for `COPY ... (FORMAT binary)` (`store::copy`),
/// whose columns' types the caller names: integers to any integer width that holds them, text
/// to text, booleans to `boolean` (or 0/1 to an integer). Statements send [`Untyped`] instead.
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

/// The type of a parameter the server is to infer (OID 0 in the Parse message).
fn unspecified() -> Type {
    Type::new("unspecified".to_string(), 0, Kind::Pseudo, String::new())
}

/// A [`Param`] sent as text for the server to read as the type it inferred, as libpq's
/// `PQexecParams` sends parameters: an integer reads as any integer width (or `numeric`, or
/// `boolean` for 0 and 1), a boolean as `boolean` or as 0/1 in an integer, text as any type
/// whose input accepts it (`json`, `jsonb`, ...). Prepared or not, a statement gets its
/// parameters this one way, so its first run and later ones read them alike; a value the
/// inferred type does not accept is the server's error (SQLSTATE class 22), never a
/// conversion on this side.
#[derive(Debug)]
struct Untyped<'p>(&'p Param<'p>);

impl ToSql for Untyped<'_> {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let text = match *self.0 {
            Param::Null => return Ok(IsNull::Yes),
            Param::Int(value) => value.to_string(),
            Param::Real(value) if value.is_nan() => "NaN".to_string(),
            Param::Real(value) if value.is_infinite() => {
                if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
            }
            Param::Real(value) => value.to_string(),
            Param::Text(value) => {
                out.extend_from_slice(value.as_bytes());
                return Ok(IsNull::No);
            }
            Param::Bool(value) => if value { "1" } else { "0" }.to_string(),
        };
        out.extend_from_slice(text.as_bytes());
        Ok(IsNull::No)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> Format {
        Format::Text
    }

    to_sql_checked!();
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
    let (_, changed) = session.run(sql, params)?;
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
