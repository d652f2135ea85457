//! Naming probes (`VID:PID[:SERIAL]`), choosing one, and what a machine
//! without probes sees.

mod common;
#[path = "common/probe_info.rs"]
mod probe_info;

use probe_info::probe;
use std::path::Path;

use flasher::{
    FlashError, FlashOptions, ProbeInfo, ProbeSelector, choose_probe, flash, list_probes,
};

fn sel(vid: u16, pid: u16, serial: Option<&str>) -> ProbeSelector {
    ProbeSelector {
        vid,
        pid,
        serial: serial.map(Into::into),
    }
}

#[test]
fn selectors_parse() {
    let cases = [
        ("2e8a:000c", sel(0x2e8a, 0x000c, None), "2e8a:000c"),
        ("2E8A:C", sel(0x2e8a, 0x000c, None), "2e8a:000c"),
        (
            "0d28:0204:9904360258994e45",
            sel(0x0d28, 0x0204, Some("9904360258994e45")),
            "0d28:0204:9904360258994e45",
        ),
        // Serials may contain colons (ESP JTAG probes use MAC addresses).
        (
            "303a:1001:F4:12:FA:00:11:22",
            sel(0x303a, 0x1001, Some("F4:12:FA:00:11:22")),
            "303a:1001:F4:12:FA:00:11:22",
        ),
        // An empty serial selects a probe without one, as in probe-rs.
        ("1366:1015:", sel(0x1366, 0x1015, Some("")), "1366:1015:"),
    ];
    for (text, want, shown) in cases {
        let got: ProbeSelector = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(got, want, "{text}");
        assert_eq!(got.to_string(), shown, "{text}");
        assert_eq!(
            shown.parse::<ProbeSelector>().as_ref(),
            Ok(&got),
            "{text} round trip"
        );
    }
}

#[test]
fn bad_selectors_say_what_is_wrong() {
    let cases = [
        ("", "empty"),
        ("  ", "empty"),
        ("2e8a", "`2e8a` has no PID"),
        ("xyz:0001", "VID `xyz`"),
        ("12345:0001", "VID `12345`"),
        ("2e8a:", "PID ``"),
        (":000c", "VID ``"),
        ("0x2e8a:000c", "VID `0x2e8a`"),
        ("2e8a:-1", "USB interface"),
        ("2e8a:000c-1", "USB interface"),
        ("+2e8:000c", "VID `+2e8`"),
    ];
    for (text, says) in cases {
        let err = text.parse::<ProbeSelector>().expect_err(text);
        assert!(err.contains(says), "{text:?}: {err}");
        assert!(err.contains("VID:PID[:SERIAL]"), "{text:?}: {err}");
    }
}

#[test]
fn choosing_a_probe() {
    let jlink = probe("J-Link", 0x1366, 0x1015, Some("000123"));
    let dap_a = probe("CMSIS-DAP", 0x0d28, 0x0204, Some("A1"));
    let dap_b = probe("CMSIS-DAP", 0x0d28, 0x0204, Some("B2"));
    let picoprobe = probe("Picoprobe", 0x2e8a, 0x000c, None);

    // (attached, selector, chosen index or the error)
    type Want = Result<usize, &'static str>;
    let cases: Vec<(Vec<ProbeInfo>, Option<&str>, Want)> = vec![
        (vec![], None, Err("NoProbe")),
        (vec![], Some("0d28:0204"), Err("NoProbe")),
        (vec![dap_a.clone()], None, Ok(0)),
        (vec![dap_a.clone()], Some("0d28:0204"), Ok(0)),
        (vec![dap_a.clone()], Some("0d28:0204:A1"), Ok(0)),
        (
            vec![dap_a.clone()],
            Some("0d28:0204:B2"),
            Err("ProbeNotFound"),
        ),
        (vec![dap_a.clone()], Some("1366:1015"), Err("ProbeNotFound")),
        (
            vec![jlink.clone(), dap_a.clone()],
            None,
            Err("SeveralProbes"),
        ),
        (vec![jlink.clone(), dap_a.clone()], Some("0d28:0204"), Ok(1)),
        (
            vec![jlink.clone(), dap_a.clone(), dap_b.clone()],
            Some("0d28:0204"),
            Err("SeveralProbes"),
        ),
        (
            vec![jlink.clone(), dap_a.clone(), dap_b.clone()],
            Some("0d28:0204:B2"),
            Ok(2),
        ),
        (
            vec![jlink.clone(), picoprobe.clone()],
            Some("2e8a:000c:"),
            Ok(1),
        ),
        (
            vec![jlink.clone(), picoprobe.clone()],
            Some("2e8a:000c:X"),
            Err("ProbeNotFound"),
        ),
    ];
    for (found, selector, want) in cases {
        let selector: Option<ProbeSelector> = selector.map(|s| s.parse().unwrap());
        let got = choose_probe(&found, selector.as_ref());
        let label = format!(
            "{:?} from {:?}",
            selector.as_ref().map(ToString::to_string),
            found
        );
        match (got, want) {
            (Ok(i), Ok(j)) => assert_eq!(i, j, "{label}"),
            (Err(FlashError::NoProbe), Err("NoProbe")) => {}
            (Err(FlashError::ProbeNotFound { wanted, found: f }), Err("ProbeNotFound")) => {
                assert_eq!(Some(wanted), selector, "{label}");
                assert_eq!(f, found, "{label}");
            }
            (Err(FlashError::SeveralProbes { found: f }), Err("SeveralProbes")) => {
                // Only the probes the selector could mean.
                let could_mean: Vec<ProbeInfo> = found
                    .iter()
                    .filter(|p| selector.as_ref().is_none_or(|s| s.matches(p)))
                    .cloned()
                    .collect();
                assert_eq!(f, could_mean, "{label}");
            }
            (got, want) => panic!("{label}: got {got:?}, wanted {want:?}"),
        }
    }
}

#[test]
fn a_probe_info_selects_itself() {
    let p = probe("CMSIS-DAP", 0x0d28, 0x0204, Some("A1"));
    assert_eq!(p.selector(), sel(0x0d28, 0x0204, Some("A1")));
    assert!(p.selector().matches(&p));
}

/// This machine has no probe: listing finds none and flashing says so.
/// (With a probe plugged in, this test would flash a real board, so it
/// refuses to run rather than do that.)
#[test]
fn without_a_probe_flash_says_no_probe() {
    let probes = list_probes();
    assert!(
        probes.is_empty(),
        "this test expects a machine without debug probes, found {probes:?}"
    );
    let elf = common::elf32(&[common::load(0, 64)]);
    let mut events = Vec::new();
    let result = flash(
        "nrf52840dk",
        "nRF52840_xxAA",
        &elf,
        Path::new("fw.elf"),
        &FlashOptions::default(),
        &mut |e| events.push(e),
    );
    assert!(matches!(result, Err(FlashError::NoProbe)), "{result:?}");
    assert!(events.is_empty());
}
