//! The bare actix-web baseline the load script compares the service with: the same framework and
//! release profile, handlers that do nothing but answer (GET) or parse the JSON body (POST), and
//! the "same bytes, no work" ceiling: the same two handlers answering a ready-made JSON body of
//! exactly N bytes, so an endpoint can be compared with doing nothing but sending its answer's size.
//!
//! - `GET /get`, `POST /json`: `{"status":"ok"}`, `{"fields":N}`
//! - `GET /bytes/{n}`, `POST /json/{n}` (parses the body too): a JSON body of `n` bytes, at most
//!   8 MiB, built once per size and then served as shared bytes
//!
//! `cargo build --release --example bare && target/release/examples/bare 127.0.0.1:8090`

use std::cell::RefCell;
use std::collections::HashMap;

use actix_web::{App, HttpResponse, HttpServer, web};
use bytes::Bytes;

/// The largest ready-made body.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

async fn get_ok() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

async fn parse_json(body: web::Json<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"fields": body.as_object().map_or(0, serde_json::Map::len)}))
}

async fn get_bytes(size: web::Path<usize>) -> HttpResponse {
    sized_answer(size.into_inner())
}

async fn parse_json_answer_bytes(size: web::Path<usize>, body: web::Json<serde_json::Value>) -> HttpResponse {
    std::hint::black_box(body.into_inner());
    sized_answer(size.into_inner())
}

thread_local! {
    // One worker thread: each size is built once, then cloned (a reference count).
    static BODIES: RefCell<HashMap<usize, Bytes>> = RefCell::new(HashMap::new());
}

fn sized_answer(size: usize) -> HttpResponse {
    if size > MAX_BODY_BYTES {
        return HttpResponse::PayloadTooLarge().finish();
    }
    let body = BODIES.with(|bodies| {
        bodies
            .borrow_mut()
            .entry(size)
            .or_insert_with(|| json_of_size(size))
            .clone()
    });
    HttpResponse::Ok().content_type("application/json").body(body)
}

/// Valid JSON of exactly `size` bytes: `{"pad":"xx…"}`, or a number below 10 bytes.
fn json_of_size(size: usize) -> Bytes {
    const FRAME: &str = r#"{"pad":""}"#;
    if size < FRAME.len() {
        return Bytes::from("1".repeat(size));
    }
    Bytes::from(format!(r#"{{"pad":"{}"}}"#, "x".repeat(size - FRAME.len())))
}

fn main() -> std::io::Result<()> {
    let address = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:8090".to_owned());
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(|| {
            App::new()
                .app_data(web::JsonConfig::default().limit(1024 * 1024))
                .route("/get", web::get().to(get_ok))
                .route("/json", web::post().to(parse_json))
                .route("/bytes/{size}", web::get().to(get_bytes))
                .route("/json/{size}", web::post().to(parse_json_answer_bytes))
        })
        .workers(1)
        .bind(address)?
        .run()
        .await
    })
}
