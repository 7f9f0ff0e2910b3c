//! The local backend: each request is one transaction of the flow on the embedded store.
