//! galley: turn damaged article text into a publishable, archivable article.
//!
//! The pipeline is a chain of plain functions over one document model:
//!
//! ```text
//! bytes ─decode─▶ text ─repair─▶ clean text + audit ─extract─▶ Article ─▶ JATS / PDF / JSON
//! ```
//!
//! Each stage lives in its own module with one public entry; [`pipeline`] strings them
//! together for the CLI, `issue` and `batch`.

pub mod audit;
#[cfg(feature = "typeset")]
pub mod batch;
pub mod decode;
pub mod error;
pub mod extract;
pub mod issue;
pub mod jats;
pub mod model;
pub mod pipeline;
pub mod repair;
#[cfg(feature = "typeset")]
pub mod review;
#[cfg(feature = "typeset")]
pub mod typeset;

pub use audit::Audit;
pub use error::Error;
pub use model::Article;
