// A real Secret Service for the app under test: a private D-Bus session bus and GNOME Keyring
// unlocked on it, in a folder of the run's own. Both are stopped by their own pids.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { firstLine } from "./first-line.mjs";

export async function startKeychain() {
  const home = mkdtempSync(join(tmpdir(), "qalam-e2e-keychain-"));
  const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1", `--address=unix:path=${join(home, "bus")}`], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const address = await firstLine(bus, "dbus-daemon");
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, "data") };
  const keyring = spawn("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], { env, stdio: ["pipe", "ignore", "ignore"] });
  keyring.stdin.end("e2e-keyring-password");
  for (let i = 0; i < 100; i++) {
    const probe = spawnSync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"], { env, encoding: "utf8" });
    if (probe.stdout.includes("boolean true")) {
      return { address, stop: () => [keyring, bus].forEach((p) => p.kill("SIGTERM")) };
    }
    await sleep(100);
  }
  keyring.kill("SIGTERM");
  bus.kill("SIGTERM");
  throw new Error("the Secret Service did not start");
}
