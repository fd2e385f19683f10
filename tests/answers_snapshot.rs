//! TEMPORARY differential test (branch `parser-6`): records the full HTTP answers of the
//! ingredient-check endpoints for the real label corpus and a few thousand generated labels, then
//! compares later builds against that record byte for byte. Removed before the branch is done.
//!
//! `ANSWERS_SNAPSHOT=write` records into `/tmp/p6-answers.jsonl`; `ANSWERS_SNAPSHOT=compare`
//! replays the recorded requests and compares. Without the variable the test does nothing.

use aftercare::settings::Settings;
use aftercare::startup::Application;
use serde_json::{Value, json};

const FILE: &str = "/tmp/p6-answers.jsonl";

/// splitmix64: a fixed, seeded sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const NAMES: &[&str] = &[
    "Salicylic Acid",
    "Sodium Salicylate",
    "Potassium Salicylate",
    "MEA-Salicylate",
    "Betaine Salicylate",
    "Capryloyl Salicylic Acid",
    "Salix Alba (Willow) Bark Extract",
    "Beta Hydroxy Acid",
    "BHA",
    "BHT",
    "Glycolic Acid",
    "Sodium Glycolate",
    "Benzoyl Peroxide",
    "Alpha Hydroxy Acid",
    "Lactic Acid",
    "Mandelic Acid",
    "Malic Acid",
    "Tartaric Acid",
    "Lactobionic Acid",
    "Papain",
    "Bromelain",
    "Juglans Regia Shell Powder",
    "Prunus Armeniaca Seed Powder",
    "Pumice",
    "Perlite",
    "Jojoba Beads",
    "Aloe Barbadensis Leaf Juice",
    "Cucumis Sativus (Cucumber) Fruit Extract",
    "Camellia Sinensis Leaf Extract",
    "Niacinamide",
    "Ethylhexyl Salicylate",
    "Homosalate",
    "Benzyl Salicylate",
    "Butylene Glycol",
    "Propylene Glycol",
    "Glycol Distearate",
    "Sodium Benzoate",
    "Benzoic Acid",
    "Benzyl Alcohol",
    "Hydrogen Peroxide",
    "Citric Acid",
    "Water (Aqua)",
    "Aqua/Water/Eau",
    "Glycerin",
    "Dimethicone",
    "Tocopherol",
    "Xanthan Gum",
    "Phenoxyethanol",
    "1,2-Hexanediol",
    "Coco-Glucoside",
    "Ceramide NP",
    "Fragrance (Parfum)",
    "Sodium Hydroxide",
    "ácido salicílico",
    "Acide Glycolique",
    "Salicylsäure",
    "CI 77891 (Titanium Dioxide)",
    "69-72-7",
    "Ｓａｌｉｃｙｌｉｃ Ａｃｉｄ",
    "Sali\u{200B}cylic\u{00A0}Acid",
    "Beta\u{2011}Hydroxy Acid",
    "agua",
    "Silica (nano)",
    "Zinc Oxide 10%",
    "Octinoxate 7.5 % w/w",
    "Retinol*",
    "Panthenol†",
    "Allantoin¹",
    "Squalane**",
];

const GLUE: &[&str] = &[
    ", ",
    ", ",
    ", ",
    "; ",
    " • ",
    " · ",
    "\n",
    ",\n",
    " / ",
    " - ",
    " – ",
    " — ",
    ". ",
    "\t",
    ",",
    "  ,  ",
    " and ",
    ", and ",
    " & ",
    " | ",
    "\r\n",
    " ,",
    "、",
    "\u{00A0}, ",
];

const EXTRAS: &[&str] = &[
    "Ingredients: ",
    "INGREDIENTS: ",
    "Inactive Ingredients: ",
    "Active ingredient: ",
    "Drug Facts\n",
    "Ingrédients : ",
    "Ingredientes: ",
    "INCI: ",
    "May contain: ",
    "May Contain (+/-): ",
    "+/- ",
    "Step 1: ",
    "Step 2: ",
    "Paso 3: ",
    "Directions: apply daily.\n",
    "Warnings: for external use only.\n",
    "*organic. ",
    "Salicylic acid-free! ",
    "Free from parabens, sulfates. ",
    "Without glycolic acid. ",
    "0% benzoyl peroxide, ",
    "Sin ácido salicílico. ",
    "Contains no BPO. ",
    "(2%)",
    " 2%",
    " 0.5 %",
    "(nano)",
    "[+/- CI 77491]",
    "{Fragrance}",
    "((Aqua))",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{200B}",
    "\u{2013}",
    "ñ",
    "é",
    "☃",
    "\"quoted\"",
    "back\\slash",
    "bell\u{7}",
    "This wonderful formula leaves your skin feeling soft and smooth all day long with \
     salicylic acid and more words. ",
    "Purpose\nAcne treatment\n",
    "Uses: ",
    "Other information: store cool.\n",
    "Active ingredients: ",
    "Active Ingredient(s): ",
    "Inactive ingredients: ",
    "DRUG FACTS\n",
    "Step 1 ",
    "may contain ",
    "salicylic acid-free, ",
    "glycolic-acid free ",
    "水, 甘油, 水杨酸, ",
    "成分：",
    "Ωmega Öl, ",
    "\u{2010}",
    "\u{2212}",
    "\u{200D}",
    "\u{3000}",
    "‡",
    "§",
    "²",
    "|",
    "\r\n",
    "(and) ",
    "Salicylic Acid (0.5%), ",
    "Glycolic Acid/",
];

fn generated_label(rng: &mut Rng) -> String {
    let mut label = String::new();
    if rng.below(3) == 0 {
        label.push_str(rng.pick(EXTRAS));
    }
    for _ in 0..1 + rng.below(40) {
        match rng.below(10) {
            0..=5 => label.push_str(rng.pick(NAMES)),
            6 => label.push_str(rng.pick(EXTRAS)),
            7 => {
                label.push_str(rng.pick(NAMES));
                label.push_str(rng.pick(EXTRAS));
            }
            _ => {}
        }
        label.push_str(rng.pick(GLUE));
    }
    if rng.below(4) == 0 {
        label.push_str(rng.pick(NAMES));
    }
    label
}

fn corpus_labels() -> Vec<String> {
    let corpus: toml::Value = toml::from_str(include_str!("ingredients/corpus/labels.toml")).expect("corpus");
    corpus["label"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|label| label["text"].as_str().expect("text").to_owned())
        .collect()
}

/// The ingredients of one request: text, or (sometimes) the label split into a list.
fn inputs() -> Vec<Value> {
    let mut inputs: Vec<Value> = corpus_labels().into_iter().map(Value::from).collect();
    let load: Value = serde_json::from_str(include_str!("load/check-30.json")).expect("check-30");
    inputs.push(load["ingredients"].clone());
    inputs.push(json!([
        "Glycolic Acid",
        "Cucumis Sativus Fruit Extract",
        "",
        "  ",
        "Water, Salicylic Acid 2%"
    ]));
    inputs.push(json!(""));
    let mut rng = Rng(0x5EED_A11C);
    for _ in 0..3200 {
        let label = generated_label(&mut rng);
        if rng.below(5) == 0 {
            let items: Vec<&str> = label.split(',').collect();
            inputs.push(json!(items));
        } else {
            inputs.push(Value::from(label));
        }
    }
    inputs
}

/// Timing and language variants of a request.
fn variants(index: usize) -> Vec<Value> {
    let all = [
        json!({"locale": "en"}),
        json!({"locale": "es", "treated_at": "2026-03-07T10:00:00-05:00", "at": "2026-03-09T12:00:00Z", "timezone": "America/New_York"}),
        json!({"locale": "en", "treated_at": "2026-06-01T08:00:00Z", "at": "2026-06-20T08:00:00.123Z"}),
        json!({"locale": "es", "treated_at": "2025-01-01T00:00:00+01:00"}),
        json!({"treated_at": "2026-06-01T08:00:00Z", "timezone": "Europe/Madrid", "at": "2026-06-03T08:00:00Z", "product_name": "Toner \"glow\" \\ 10%\n"}),
        json!({"locale": "es"}),
    ];
    // Every input gets the first two; the rest rotate.
    vec![all[0].clone(), all[1].clone(), all[2 + index % 4].clone()]
}

/// Replaces every `"evaluated_at":"…"` value (the current time when `at` is absent).
fn without_now(body: &str) -> String {
    const KEY: &str = "\"evaluated_at\":\"";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(KEY) {
        out.push_str(&rest[..at + KEY.len()]);
        rest = &rest[at + KEY.len()..];
        let end = rest.find('"').expect("closing quote");
        out.push_str("NOW");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn requests() -> Vec<(String, Value)> {
    let inputs = inputs();
    let mut requests = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        for variant in variants(index) {
            let mut body = variant;
            body["ingredients"] = input.clone();
            requests.push(("/v1/ingredient-checks".to_owned(), body));
        }
    }
    for (batch, chunk) in inputs.chunks(12).enumerate() {
        for variant in [variants(batch)[1].clone(), variants(batch)[2].clone()] {
            let mut body = variant;
            body.as_object_mut().unwrap().remove("product_name");
            let products: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, input)| {
                    if i % 3 == 0 {
                        json!({"id": format!("sku-\"{batch}-{i}\""), "ingredients": input, "product_name": "Glow ☃"})
                    } else {
                        json!({"id": format!("sku-{batch}-{i}"), "ingredients": input})
                    }
                })
                .collect();
            body["products"] = json!(products);
            requests.push(("/v1/ingredient-checks/batch".to_owned(), body));
        }
    }
    requests
}

#[tokio::test]
async fn ingredient_check_answers_match_the_recorded_ones() {
    let Ok(mode) = std::env::var("ANSWERS_SNAPSHOT") else {
        return;
    };
    let mut settings = Settings::default();
    settings.server.port = 0;
    settings.server.workers = 1;
    let application = Application::build(&settings).expect("application builds");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::new();
    let requests: Vec<(String, Value)> = if mode == "write" {
        requests()
    } else {
        std::fs::read_to_string(FILE)
            .expect("recorded answers")
            .lines()
            .map(|line| {
                let record: Value = serde_json::from_str(line).expect("record");
                (record["path"].as_str().unwrap().to_owned(), record["request"].clone())
            })
            .collect()
    };
    let recorded: Vec<String> = if mode == "write" {
        Vec::new()
    } else {
        std::fs::read_to_string(FILE)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    let mut lines = Vec::with_capacity(requests.len());
    let mut differences = 0;
    for (index, (path, request)) in requests.iter().enumerate() {
        let response = client
            .post(format!("{address}{path}"))
            .body(serde_json::to_vec(request).unwrap())
            .header("content-type", "application/json")
            .send()
            .await
            .expect("sent");
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
        };
        let headers = json!([
            header("content-type"),
            header("content-language"),
            header("vary"),
            header("cache-control")
        ]);
        let body = response.bytes().await.expect("body");
        let body = String::from_utf8(body.to_vec()).expect("utf-8");
        let body = if request.get("at").is_some() {
            body
        } else {
            without_now(&body)
        };
        // Problems carry a fresh request id.
        let body = if status == 200 {
            body
        } else {
            let mut problem: Value = serde_json::from_str(&body).expect("problem");
            problem["instance"] = Value::Null;
            problem["request_id"] = Value::Null;
            problem.to_string()
        };
        let line =
            json!({"path": path, "request": request, "status": status, "headers": headers, "body": body}).to_string();
        if mode != "write" && recorded[index] != line {
            differences += 1;
            if differences < 5 {
                eprintln!("DIFFERENT answer {index}:\nwas {}\nnow {line}", recorded[index]);
            }
        }
        lines.push(line);
    }
    if mode == "write" {
        std::fs::write(FILE, lines.join("\n")).expect("written");
        eprintln!("recorded {} answers", lines.len());
    } else {
        assert_eq!(recorded.len(), lines.len());
        assert_eq!(differences, 0, "{differences} of {} answers differ", lines.len());
        eprintln!("all {} answers identical", lines.len());
    }
}
