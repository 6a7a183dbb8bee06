//! Stand-in for the agencies' existing backend APIs, and the server for the built app.
//!
//! ```text
//! tell-once-agencies serve   [--addr 127.0.0.1:8080] [--dist dist] [--db data/agencies.sqlite] [--faults]
//! tell-once-agencies records [--db data/agencies.sqlite] [--agency elections]
//! tell-once-agencies feedback [--db data/agencies.sqlite]
//! ```
//! `records` prints, as JSON, what the agencies have received, each request's
//! `idempotency_key` included: tests use it to check exactly what arrived in SQLite.
//! `feedback` prints, as JSON, the answers to the customer-experience survey.
//!
//! `--faults` is for tests only: it adds `/demo/faults`, where a test can make the agency
//! endpoints fail, answer late or drop the connection, for requests carrying its scope's
//! `demo_faults` cookie (see `agencies/faults.rs`). Never use it for a demo.

mod agencies;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  tell-once-agencies serve   [--addr 127.0.0.1:8080] [--dist dist] [--db data/agencies.sqlite] [--faults]
  tell-once-agencies records [--db data/agencies.sqlite] [--agency ID]
  tell-once-agencies feedback [--db data/agencies.sqlite]

  --faults  for tests only: adds /demo/faults, to make agency endpoints fail, wait or drop";

struct Options {
    addr: SocketAddr,
    dist: PathBuf,
    db: PathBuf,
    agency: Option<String>,
    /// Fault injection, for tests.
    faults: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        dist: PathBuf::from("dist"),
        db: PathBuf::from("data/agencies.sqlite"),
        agency: None,
        faults: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        if flag == "--faults" {
            options.faults = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => {
                options.addr = value.parse().map_err(|_| {
                    format!("--addr {value}: expected an address like 127.0.0.1:8080")
                })?
            }
            "--dist" => options.dist = PathBuf::from(value),
            "--db" => options.db = PathBuf::from(value),
            "--agency" => options.agency = Some(value.clone()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("", &[][..]),
    };
    let options = match parse(rest) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        "serve" => serve(options),
        "records" => print_records(options),
        "feedback" => print_feedback(options),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("tell-once-agencies: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn serve(options: Options) -> Result<(), String> {
    if !options.addr.ip().is_loopback() {
        return Err(format!(
            "{} is not a loopback address: the demo server listens on 127.0.0.1 only",
            options.addr
        ));
    }
    if !options.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app at {}: build it with `trunk build --release` (scripts/serve.sh does)",
            options.dist.join("index.html").display()
        ));
    }
    let store =
        store::Store::open(&options.db).map_err(|e| format!("{}: {e}", options.db.display()))?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        println!("Tell Once demo server: http://{}/", options.addr);
        if options.faults {
            println!("Fault injection is on (--faults): for tests only, at /demo/faults");
        }
        let faults = options.faults.then(agencies::Faults::default);
        // The client's address is part of the hand-off API's limit on wrong guesses.
        let app = agencies::router(store, &options.dist, faults)
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}

fn print_records(options: Options) -> Result<(), String> {
    let store =
        store::Store::open(&options.db).map_err(|e| format!("{}: {e}", options.db.display()))?;
    let records = store
        .records(options.agency.as_deref())
        .map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&records).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn print_feedback(options: Options) -> Result<(), String> {
    let store =
        store::Store::open(&options.db).map_err(|e| format!("{}: {e}", options.db.display()))?;
    let feedback = store.feedback().map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&feedback).map_err(|e| e.to_string())?
    );
    Ok(())
}
