// The first line a child process prints on stdout (Xvfb's display, dbus-daemon's address).
export function firstLine(child, what, timeoutMs = 10000) {
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`${what} did not report in time`)), timeoutMs);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) {
        clearTimeout(timer);
        ok(out.trim());
      }
    });
    child.once("exit", () => fail(new Error(`${what} exited before it reported`)));
  });
}
