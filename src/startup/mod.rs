//! Builds the HTTP server from settings; the one place routes, middleware and shared state are wired.

mod shutdown;

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::KeepAlive;
use actix_web::http::header;
use actix_web::middleware::{Condition, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use anyhow::Context;
use futures_util::future::{Either, select};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::content::{Content, ContentRoot};
use crate::formats::Labels;
use crate::http::access::AccessControl;
use crate::http::extract::{BatchBodyLimit, BodyLimit, BodyTimeout};
use crate::http::rate_limit::RateLimit;
use crate::http::request_context::{AllowedOrigins, HeaderLimit, request_context};
use crate::http::route_table::RouteTable;
use crate::ingredients::IngredientChecker;
use crate::metrics::Metrics;
use crate::openapi;
use crate::problem::Problem;
use crate::protocol::{CompiledResponses, Protocol};
use crate::readiness::{Readiness, RequestActivity};
use crate::routes;
use crate::routes::check_pool::CheckPool;
use crate::routes::index::{IndexDocument, ServiceIndex};
use crate::routes::ingredients::IngredientService;
use crate::routes::spec::SpecDocuments;
use crate::settings::{CorsSettings, Settings};

pub use shutdown::{ShutdownHandle, ShutdownSignals};

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    shutdown: ShutdownHandle,
}

/// The content, validated whole, and every answer prepared from it: loaded once at start-up
/// (`check-config` runs the same steps).
pub struct PreparedContent {
    /// The protocol.
    pub protocol: Protocol,
    /// The protocol's answers, prepared per language.
    pub compiled: CompiledResponses,
    /// The ingredient checker, linked to the protocol.
    pub ingredients: IngredientService,
    /// The labels of the plan formats.
    pub labels: Labels,
}

impl PreparedContent {
    /// Loads the content the settings name: `content.dir`, or the compiled-in files.
    ///
    /// # Errors
    /// The first problem, naming the file (and the entry).
    pub fn load(settings: &Settings) -> anyhow::Result<Self> {
        let root = ContentRoot::from_setting(settings.content.dir.as_deref());
        let Content {
            protocol,
            knowledge,
            vocabulary,
            answer_texts,
            labels,
        } = Content::load(&root)?;
        let compiled = CompiledResponses::build(&protocol).context("cannot prepare the protocol's answers")?;
        let checker = IngredientChecker::new(knowledge, vocabulary, answer_texts)
            .context("the ingredient knowledge base is invalid")?;
        let ingredients = IngredientService::build(checker, &protocol, settings.limits.clone())
            .context("the ingredient knowledge base and the protocol disagree")?;
        tracing::info!(content.source = %root, "content loaded and validated");
        Ok(Self {
            protocol,
            compiled,
            ingredients,
            labels,
        })
    }
}

/// State computed once at start-up and shared by every worker.
struct SharedState {
    routes: web::Data<RouteTable>,
    index: web::Data<IndexDocument>,
    spec: web::Data<SpecDocuments>,
    readiness: web::Data<Readiness>,
    protocol: web::Data<Protocol>,
    compiled: web::Data<CompiledResponses>,
    labels: web::Data<Labels>,
    ingredients: web::Data<IngredientService>,
    metrics: web::Data<Metrics>,
    activity: web::Data<RequestActivity>,
}

impl Application {
    /// Loads content, derives the spec and binds the listener (port 0 picks a free port).
    pub fn build(settings: &Settings) -> anyhow::Result<Self> {
        let PreparedContent {
            protocol,
            compiled,
            ingredients,
            labels,
        } = PreparedContent::load(settings)?;
        let mut api = openapi::openapi_for(&protocol, &ingredients);
        openapi::with_public_base_url(&mut api, &settings.server.public_base_url);
        let metrics = Metrics::new(protocol.id(), protocol.version());
        let state = Arc::new(SharedState {
            metrics: web::Data::new(metrics),
            ingredients: web::Data::new(ingredients),
            protocol: web::Data::new(protocol),
            compiled: web::Data::new(compiled),
            labels: web::Data::new(labels),
            routes: web::Data::new(if settings.docs.enabled {
                RouteTable::from_openapi(&api)
                    .with_get_route("/docs")
                    .with_get_route("/docs/{tail:.*}")
            } else {
                RouteTable::from_openapi(&api)
            }),
            index: web::Data::new(IndexDocument::from(&ServiceIndex::from_openapi(
                &api,
                settings.docs.enabled,
            ))),
            spec: web::Data::new(SpecDocuments {
                json: openapi::to_json(&api),
                yaml: openapi::to_yaml(&api),
            }),
            readiness: web::Data::new(Readiness::default()),
            activity: web::Data::new(RequestActivity::default()),
        });
        state.readiness.mark_loaded();

        let address = (settings.server.host.as_str(), settings.server.port);
        let listener = TcpListener::bind(address)
            .with_context(|| format!("cannot listen on {}:{}", settings.server.host, settings.server.port))?;
        let port = listener.local_addr()?.port();

        let body_limit = BodyLimit(settings.limits.json_body_bytes);
        let header_limit = web::Data::new(HeaderLimit(settings.limits.header_bytes));
        let batch_limit = BatchBodyLimit(settings.limits.batch_body_bytes);
        let body_timeout = BodyTimeout(Duration::from_millis(settings.server.body_read_timeout_ms));
        let check_pool = web::Data::new(CheckPool::new(match settings.limits.check_workers {
            0 => std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            workers => workers,
        }));
        let write_timeout = Duration::from_millis(settings.server.write_timeout_ms);
        let docs_enabled = settings.docs.enabled;
        let access = AccessControl::from_settings(&settings.auth, &settings.rate_limit).map(web::Data::new);
        let cors_settings = settings.cors.clone();
        let rate_limit = RateLimit::from_settings(&settings.rate_limit).map(web::Data::new);
        let cors_enabled = !cors_settings.allowed_origins.is_empty();
        let allowed_origins = web::Data::new(AllowedOrigins(cors_settings.allowed_origins.clone()));
        let factory_state = Arc::clone(&state);
        let server = HttpServer::new(move || {
            let state = &factory_state;
            let app = App::new();
            let app = match &access {
                Some(access) => app.app_data(access.clone()),
                None => app,
            };
            let app = match &rate_limit {
                Some(limit) => app.app_data(limit.clone()),
                None => app,
            };
            app.wrap(Condition::new(cors_enabled, cors(&cors_settings)))
                .wrap(from_fn(request_context))
                .app_data(header_limit.clone())
                .app_data(allowed_origins.clone())
                .app_data(check_pool.clone())
                .app_data(state.routes.clone())
                .app_data(state.index.clone())
                .app_data(state.spec.clone())
                .app_data(state.readiness.clone())
                .app_data(state.protocol.clone())
                .app_data(state.compiled.clone())
                .app_data(state.labels.clone())
                .app_data(state.ingredients.clone())
                .app_data(state.metrics.clone())
                .app_data(state.activity.clone())
                .app_data(batch_limit)
                .app_data(body_timeout)
                .app_data(body_limit)
                .into_utoipa_app()
                .configure(routes::configure)
                .into_app()
                .configure(|config| {
                    if docs_enabled {
                        config
                            .service(
                                SwaggerUi::new("/docs/{_:.*}").config(utoipa_swagger_ui::Config::from("/openapi.json")),
                            )
                            .route("/docs", web::get().to(redirect_to_docs));
                    }
                })
                .default_service(web::to(unmatched_route))
        })
        // A client that stops reading leaves the answer's bytes unacknowledged: the kernel closes
        // its connection after the write timeout (zero-window probes count too), so a stalled
        // reader cannot hold a connection and its buffers.
        .on_connect(move |connection, _extensions| {
            if let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
                let _ = socket2::SockRef::from(stream).set_tcp_user_timeout(Some(write_timeout));
            }
        })
        .workers(settings.worker_count())
        .keep_alive(match settings.server.keep_alive_secs {
            0 => KeepAlive::Disabled,
            secs => KeepAlive::Timeout(Duration::from_secs(secs)),
        })
        .client_request_timeout(Duration::from_millis(settings.server.client_request_timeout_ms))
        .client_disconnect_timeout(Duration::from_millis(settings.server.client_disconnect_timeout_ms))
        .shutdown_timeout(settings.server.shutdown_timeout_secs)
        .max_connections(settings.server.max_connections_per_worker)
        .disable_signals()
        .listen(listener)?
        .run();

        let shutdown = ShutdownHandle {
            readiness: state.readiness.clone(),
            activity: state.activity.clone(),
            server: server.handle(),
            drain_delay: Duration::from_secs(settings.server.drain_delay_secs),
            shutdown_timeout: Duration::from_secs(settings.server.shutdown_timeout_secs),
        };
        Ok(Self { port, server, shutdown })
    }

    /// The port the listener is bound to.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// A handle that starts the graceful shutdown, as SIGTERM would.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        self.shutdown.clone()
    }

    /// Serves until SIGTERM or SIGINT (or a [`ShutdownHandle`]) has drained and stopped the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(ShutdownSignals::install().wait()).await
    }

    /// Serves until `stop` completes, then drains and stops as on SIGTERM.
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()> + 'static) -> std::io::Result<()> {
        let shutdown = self.shutdown.clone();
        let on_stop = Box::pin(async move {
            stop.await;
            shutdown.shutdown().await;
        });
        // The server future ends as soon as `stop` has closed it, possibly before `on_stop` is
        // polled again: the completion is logged here, once, whichever finished first.
        let result = match select(self.server, on_stop).await {
            Either::Left((result, _)) => result,
            Either::Right(((), server)) => server.await,
        };
        tracing::info!("shutdown complete");
        result
    }
}

/// CORS for the configured origins: exact matches only, no credentials, the API's methods and headers.
fn cors(settings: &CorsSettings) -> Cors {
    let cors = settings
        .allowed_origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin));
    cors.allowed_methods(["GET", "HEAD", "POST"])
        .allowed_headers([
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("traceparent"),
        ])
        .expose_headers([
            header::CONTENT_LANGUAGE,
            header::HeaderName::from_static("x-request-id"),
            header::RETRY_AFTER,
            header::WWW_AUTHENTICATE,
        ])
        .max_age(settings.max_age_secs)
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

/// 405 with `Allow` when the path is a documented route, else 404.
async fn unmatched_route(req: HttpRequest, routes: web::Data<RouteTable>) -> Result<HttpResponse, Problem> {
    // The path as the router read it (percent-decoded), as every security decision does.
    Err(match routes.lookup(req.match_info().as_str()) {
        Some(entry) => Problem::method_not_allowed(&entry.allowed_methods()),
        None => Problem::not_found("No route matches this path."),
    })
}
