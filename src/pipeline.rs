//! The per-article flow shared by `build`, `issue` and `batch`. (Foundation issue.)
