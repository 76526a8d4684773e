//! Issues: the `issue.toml` manifest and assembling an issue. (Foundation issue.)
