//! Plan generation and phase lookup, without HTTP. `cargo bench --bench protocol`

use std::hint::black_box;

use aftercare::protocol::{At, CompiledResponses, Overrides, PatientZone, Protocol, TreatedAt};
use criterion::{Criterion, criterion_group, criterion_main};

fn benchmarks(c: &mut Criterion) {
    let protocol = Protocol::load().expect("content is valid");
    let treated_at = TreatedAt::parse("2026-03-07T10:00:00-05:00").expect("valid");
    let zone = PatientZone::parse(Some("America/New_York"), &treated_at).expect("zone");
    let locale = protocol.negotiate(None, Some("es-MX,es;q=0.9")).expect("locale");
    let at = At::parse("2026-03-09T12:00:00Z").expect("valid");
    let overrides = Overrides::none();

    c.bench_function("plan (compute)", |b| {
        b.iter(|| protocol.plan(black_box(&treated_at), &zone, &locale, &overrides))
    });
    c.bench_function("plan (compute + JSON)", |b| {
        b.iter(|| serde_json::to_vec(&protocol.plan(black_box(&treated_at), &zone, &locale, &overrides)))
    });
    c.bench_function("phase lookup (compute)", |b| {
        b.iter(|| protocol.phase_at(black_box(&treated_at), black_box(&at), &zone, &locale, &overrides))
    });
    c.bench_function("phase lookup (compute + JSON)", |b| {
        b.iter(|| {
            serde_json::to_vec(
                &protocol
                    .phase_at(black_box(&treated_at), &at, &zone, &locale, &overrides)
                    .ok(),
            )
        })
    });
}

fn compiled_benchmarks(c: &mut Criterion) {
    let protocol = Protocol::load().expect("content is valid");
    let compiled = CompiledResponses::build(&protocol).expect("compiles");
    let treated_at = TreatedAt::parse("2026-03-07T10:00:00-05:00").expect("valid");
    let zone = PatientZone::parse(Some("America/New_York"), &treated_at).expect("zone");
    let locale = protocol.negotiate(None, Some("es-MX,es;q=0.9")).expect("locale");
    let at = At::parse("2026-03-09T12:00:00Z").expect("valid");
    let overrides = Overrides::none();
    c.bench_function("plan (compiled template)", |b| {
        b.iter(|| compiled.plan(&protocol, black_box(&treated_at), &zone, &locale, &overrides))
    });
    c.bench_function("phase lookup (compiled template)", |b| {
        b.iter(|| {
            compiled.lookup(
                &protocol,
                black_box(&treated_at),
                black_box(&at),
                &zone,
                &locale,
                &overrides,
            )
        })
    });
    c.bench_function("request parsing (treated_at, zone, locale)", |b| {
        b.iter(|| {
            let treated_at = TreatedAt::parse(black_box("2026-03-07T10:00:00-05:00")).ok()?;
            let zone = PatientZone::parse(Some(black_box("America/New_York")), &treated_at).ok()?;
            protocol
                .negotiate(Some(black_box("es")), None)
                .ok()
                .map(|locale| (zone, locale))
        })
    });
}

criterion_group!(benches, benchmarks, compiled_benchmarks);
criterion_main!(benches);
