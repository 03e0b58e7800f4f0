//! Turning an askama template into a response.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

pub fn render<T: Template>(template: &T) -> Result<Response, AppError> {
    template
        .render()
        .map(|html| Html(html).into_response())
        .map_err(AppError::internal)
}
