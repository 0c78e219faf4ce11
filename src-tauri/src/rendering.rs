//! How the webview draws. On Linux (WebKitGTK) accelerated compositing is switched off: an
//! editor of text gains nothing from GPU layers, and they cost a great deal. Measured with a
//! 10,000-word article open under Xvfb (`tests/perf/app-perf.mjs`): the web process held 259 MiB
//! with compositing on demand and 132 MiB without it, and a keystroke reached its frame in
//! p50 ≈ 10 ms instead of ≈ 24 ms. The other platforms' webviews manage this themselves.

#[cfg(target_os = "linux")]
pub fn apply<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn apply<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) {}
