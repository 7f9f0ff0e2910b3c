//! `dist/relctl.service`, the unit the README shows: sandboxed as promised, and accepted by
//! `systemd-analyze verify` (with the binary under test in place of /usr/local/bin/relctl, since
//! verify checks that the command exists) without a warning. Without systemd-analyze (not a
//! Debian with systemd) the verify step says it is skipped.

use std::process::Command;

const UNIT: &str = include_str!("../../../dist/relctl.service");

#[test]
fn the_unit_is_sandboxed_and_systemd_analyze_verifies_it() {
    for line in [
        "DynamicUser=yes",
        "StateDirectory=relctl",
        "ProtectSystem=strict",
        "Environment=RELCTL_STORE=/var/lib/relctl/relctl.db",
        "EnvironmentFile=-/etc/relctl/env",
        "ExecStart=/usr/local/bin/relctl --config /etc/relctl/config.toml serve",
    ] {
        assert!(UNIT.lines().any(|l| l == line), "no {line:?} in the unit");
    }
    let readme = include_str!("../../../README.md");
    assert!(
        readme.contains(UNIT.split("[Unit]").nth(1).unwrap().trim()),
        "the README shows dist/relctl.service as it is"
    );
    let found = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("skipped: systemd-analyze not found (Debian's systemd package has it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("relctl.service");
    let binary = env!("CARGO_BIN_EXE_relctl");
    std::fs::write(&unit, UNIT.replace("/usr/local/bin/relctl", binary)).unwrap();
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&unit)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify: {stderr}");
    assert!(
        stderr.trim().is_empty(),
        "systemd-analyze verify warns: {stderr}"
    );
}
