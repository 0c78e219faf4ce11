//! Integration tests of qalam-core: one binary, one module per topic.

mod roundtrip;
mod seed;
mod support;
