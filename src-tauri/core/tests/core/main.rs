//! Integration tests of qalam-core: one binary, one module per topic.

mod authority;
mod checker;
mod corrections;
mod crash;
mod damaged_files;
mod embargo;
mod handoff_seal;
mod hostile_text;
mod house_style;
mod html;
mod images;
mod joined;
mod layers;
mod library;
mod opening;
mod package_attacks;
mod packages;
mod photo;
mod public_on_sites;
mod review;
mod roundtrip;
mod search;
mod seed;
mod spelling;
mod suggestions;
mod support;
