//! The Fluent files are read at compile time by `static_loader!`, which notices edits to
//! the files it read but not a new file in `i18n/`: rebuild when anything there changes.
fn main() {
    println!("cargo:rerun-if-changed=i18n");
}
