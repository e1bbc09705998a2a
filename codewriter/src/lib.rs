//! The codewriter: low-level graphs to jitcode. Empty until the codewriter issue.
