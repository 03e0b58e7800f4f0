//! `embed_migrations!` cannot tell cargo which files it read, so without this a new or
//! edited migration would not be embedded until something else made the crate rebuild.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
