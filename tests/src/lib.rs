//! End-to-end corpora and harnesses that need several crates at once.
//!
//! - `cases/<topic>/*.py`: the differential corpus. Each program prints its
//!   results and runs deterministically under CPython 3.11. The harness that
//!   runs it lives in `cli/tests/differential.rs`, because it drives the
//!   `mpc` binary and cargo only hands a binary's path
//!   (`CARGO_BIN_EXE_mpc`) to tests of the package that builds it.
//! - `tests/fuzz.rs`: seeded fuzz loops over the image parser, the VM
//!   loader and the VM, fed random, truncated and damaged images.
