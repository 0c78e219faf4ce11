//! Standard output as a pipe's reader expects it. Rust's own `println!` panics with a backtrace
//! when the reader has gone (`qalam desk status | head -3`); every verb prints through this
//! crate's `println!` instead — declared before the verbs, so it is the one their code names —
//! which stops the program quietly then, as ripgrep does. The verb's work is done by the time it
//! prints (a library write commits before anything is said of it).

/// `println!` that ends the program quietly (exit 0) when standard output's reader is gone.
macro_rules! println {
    () => {
        $crate::stdout::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::stdout::line(format_args!($($arg)*))
    };
}

/// `print!` that ends the program quietly when standard output's reader is gone.
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::stdout::text(format_args!($($arg)*), false)
    };
}

/// Writes one line to standard output.
pub fn line(args: std::fmt::Arguments) {
    text(args, true)
}

/// Writes to standard output, and a newline after it if `newline`.
pub fn text(args: std::fmt::Arguments, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out.write_fmt(args).and_then(|_| if newline { out.write_all(b"\n") } else { out.flush() });
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("qalam: standard output: {e}");
            std::process::exit(2);
        }
    }
}
