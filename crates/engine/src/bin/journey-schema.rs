//! Writes the JSON Schemas of journeys, dictionaries and catalogues to `public/schema/`, from
//! the engine's types. Authors point `"$schema"` at them for validation and autocompletion.

use std::process::ExitCode;

/// The schemas come from schemars, which only the native build carries: built for the browser
/// (as `cargo check --target wasm32-unknown-unknown` does for every target), this binary says so.
#[cfg(target_arch = "wasm32")]
fn main() -> ExitCode {
    eprintln!("journey-schema runs natively: cargo run -p tell-once-engine --bin journey-schema");
    ExitCode::FAILURE
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/schema");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (file, schema) in tell_once_engine::schema::schemas() {
        let path = dir.join(file);
        if let Err(e) = std::fs::write(&path, schema) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote public/schema/{file}");
    }
    ExitCode::SUCCESS
}
