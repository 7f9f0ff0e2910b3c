//! Placeholder until the remote backend lands.
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HttpCall {
    pub method: String,
    pub path: String,
    pub body: Option<serde_json::Value>,
}
pub mod calls {
    //! placeholder
    use super::HttpCall;
    use crate::backend::*;
    pub fn create_project(_: &CreateProject) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn delete_project(_: &str, _: &str) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn update_organization(_: &UpdateOrganization) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn create_deploy(_: &CreateDeploy) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn review_issue(_: &str, _: &str) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn update_release(_: &UpdateRelease) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn create_release(_: &CreateRelease) -> Vec<HttpCall> {
        Vec::new()
    }
    pub fn delete_release(_: &str, _: &str) -> Vec<HttpCall> {
        Vec::new()
    }
}
