//! The mpc compiler.
