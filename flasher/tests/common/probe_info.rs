//! A probe as `list_probes` would describe it (integration tests only:
//! `common/mod.rs` is also compiled into the library's own tests).

pub fn probe(name: &str, vid: u16, pid: u16, serial: Option<&str>) -> flasher::ProbeInfo {
    flasher::ProbeInfo {
        name: name.into(),
        vid,
        pid,
        serial: serial.map(Into::into),
        kind: "CMSIS-DAP".into(),
    }
}
