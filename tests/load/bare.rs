//! The bare actix-web baseline the load script compares the service with: the same framework and
//! release profile, handlers that do nothing but answer (GET) or parse the JSON body (POST).
//!
//! `cargo build --release --example bare && target/release/examples/bare 127.0.0.1:8090`

use actix_web::{App, HttpResponse, HttpServer, web};

async fn get_ok() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

async fn parse_json(body: web::Json<serde_json::Value>) -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"fields": body.as_object().map_or(0, serde_json::Map::len)}))
}

fn main() -> std::io::Result<()> {
    let address = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:8090".to_owned());
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(|| {
            App::new()
                .app_data(web::JsonConfig::default().limit(1024 * 1024))
                .route("/get", web::get().to(get_ok))
                .route("/json", web::post().to(parse_json))
        })
        .workers(1)
        .bind(address)?
        .run()
        .await
    })
}
