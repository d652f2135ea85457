//! Debug probes: what is attached ([`list_probes`]), how the user names one
//! ([`ProbeSelector`]) and which one a flash uses ([`choose_probe`]).

use std::fmt;
use std::str::FromStr;

use probe_rs::probe::DebugProbeInfo;
use probe_rs::probe::list::Lister;

use crate::FlashError;

/// `VID:PID[:SERIAL]`, hex VID/PID, as probe-rs's CLI takes it.
///
/// The serial may contain colons (it is everything after the second one).
/// An empty serial (`VID:PID:`) selects a probe that reports none, as in
/// probe-rs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeSelector {
    pub vid: u16,
    pub pid: u16,
    pub serial: Option<String>,
}

impl ProbeSelector {
    /// Does `probe` match: same VID and PID, and the same serial if one was given?
    pub fn matches(&self, probe: &ProbeInfo) -> bool {
        self.vid == probe.vid
            && self.pid == probe.pid
            && match (&self.serial, &probe.serial) {
                (None, _) => true,
                (Some(want), Some(have)) => want == have,
                (Some(want), None) => want.is_empty(),
            }
    }
}

impl FromStr for ProbeSelector {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        const FORM: &str = "expected VID:PID[:SERIAL] with VID and PID in hex, e.g. 2e8a:000c";
        if s.trim().is_empty() {
            return Err(format!("the probe selector is empty; {FORM}"));
        }
        let mut parts = s.splitn(3, ':');
        let vid = parts.next().unwrap_or_default();
        let Some(pid) = parts.next() else {
            return Err(format!("`{s}` has no PID; {FORM}"));
        };
        if pid.contains('-') {
            return Err(format!(
                "`{s}` names a USB interface (VID:PID-INTERFACE), which mpc does not support; {FORM}"
            ));
        }
        let hex = |what: &str, text: &str| {
            let digits_only =
                !text.is_empty() && text.len() <= 4 && text.chars().all(|c| c.is_ascii_hexdigit());
            if digits_only {
                u16::from_str_radix(text, 16).map_err(|e| e.to_string())
            } else {
                Err(format!(
                    "{what} `{text}` in `{s}` is not a hex number of 1 to 4 digits; {FORM}"
                ))
            }
        };
        Ok(Self {
            vid: hex("VID", vid)?,
            pid: hex("PID", pid)?,
            serial: parts.next().map(str::to_owned),
        })
    }
}

impl fmt::Display for ProbeSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04x}:{:04x}", self.vid, self.pid)?;
        if let Some(serial) = &self.serial {
            write!(f, ":{serial}")?;
        }
        Ok(())
    }
}

/// A probe found on USB (or elsewhere) by probe-rs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeInfo {
    /// The probe's product name, e.g. "CMSIS-DAP".
    pub name: String,
    pub vid: u16,
    pub pid: u16,
    pub serial: Option<String>,
    /// probe-rs's driver for it, e.g. "CMSIS-DAP" or "J-Link".
    pub kind: String,
}

impl ProbeInfo {
    /// The selector that picks exactly this probe (if its serial is unique).
    pub fn selector(&self) -> ProbeSelector {
        ProbeSelector {
            vid: self.vid,
            pid: self.pid,
            serial: self.serial.clone(),
        }
    }
}

impl From<&DebugProbeInfo> for ProbeInfo {
    fn from(info: &DebugProbeInfo) -> Self {
        Self {
            name: info.identifier.clone(),
            vid: info.vendor_id,
            pid: info.product_id,
            serial: info.serial_number.clone(),
            kind: info.probe_type(),
        }
    }
}

/// The debug probes attached now; empty without probes (never an error).
pub fn list_probes() -> Vec<ProbeInfo> {
    Lister::new()
        .list_all()
        .iter()
        .map(ProbeInfo::from)
        .collect()
}

/// Picks the probe a flash uses, as an index into `found`: the only one, or
/// the only one matching `wanted`.
pub fn choose_probe(
    found: &[ProbeInfo],
    wanted: Option<&ProbeSelector>,
) -> Result<usize, FlashError> {
    if found.is_empty() {
        return Err(FlashError::NoProbe);
    }
    let Some(wanted) = wanted else {
        return match found {
            [_] => Ok(0),
            _ => Err(FlashError::SeveralProbes {
                found: found.to_vec(),
            }),
        };
    };
    let matching: Vec<usize> = (0..found.len())
        .filter(|&i| wanted.matches(&found[i]))
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => Err(FlashError::ProbeNotFound {
            wanted: wanted.clone(),
            found: found.to_vec(),
        }),
        several => Err(FlashError::SeveralProbes {
            found: several.iter().map(|&i| found[i].clone()).collect(),
        }),
    }
}
