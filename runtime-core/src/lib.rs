//! The mpc VM.
#![no_std]
