//! Table-driven cases for the names of the restricted actives and their look-alikes in the
//! languages the knowledge base covers: one or two representative names per language and
//! script, as labels print them. CJK names stand between separators, since the matcher needs a
//! non-letter on each side of a name.

use crate::common;

use aftercare::ingredients::MatchKind::{Derivative, Source, Synonym};
use aftercare::ingredients::Verdict::{Avoid, Caution};
use common::{Case, run_table};

const SA: (&str, aftercare::ingredients::MatchKind) = ("salicylic-acid", Synonym);
const GA: (&str, aftercare::ingredients::MatchKind) = ("glycolic-acid", Synonym);
const BPO: (&str, aftercare::ingredients::MatchKind) = ("benzoyl-peroxide", Synonym);
const WILLOW: (&str, aftercare::ingredients::MatchKind) = ("willow-bark", Source);

/// A row whose input holds one restricted name: `avoid`, with that one flag.
macro_rules! avoid {
    ($name:expr, $input:expr, $flag:expr) => {
        Case {
            name: $name,
            input: $input,
            verdict: Avoid,
            flagged: &[$flag],
            beneficial: &[],
        }
    };
}

#[test]
fn salicylic_acid_is_recognised_in_every_language() {
    run_table(&[
        avoid!("nl", &["Water, Salicylzuur"], SA),
        avoid!("pl", &["Kwas salicylowy 20 mg/1 g roztworu"], SA),
        avoid!("pl genitive", &["Aqua, kwasu salicylowego 2%"], SA),
        avoid!("pl product", &["Spirytus salicylowy"], SA),
        avoid!("de product", &["Wirkstoff: Salicyl-Vaselin 10 Prozent"], SA),
        avoid!("ru nominative", &["Салициловая кислота - 2 г"], SA),
        avoid!("ru inverted", &["активные вещества: кислота салициловая"], SA),
        avoid!("ru genitive", &["1 г мази содержит салициловой кислоты 0,04 г"], SA),
        avoid!("ru product", &["Салициловая мазь 2%"], SA),
        avoid!("la genitive", &["Unguentum Acidi Salicylici"], SA),
        avoid!("ja", &["有効成分:サリチル酸、塩化ベンザルコニウム"], SA),
        avoid!("ko", &["정제수, 살리실릭애씨드, 글리세린"], SA),
        avoid!("zh-Hans", &["水, 水杨酸, 甘油"], SA),
        avoid!("zh-Hant", &["水, 水楊酸, 甘油"], SA),
    ]);
}

#[test]
fn glycolic_acid_and_benzoyl_peroxide_are_recognised_in_every_language() {
    run_table(&[
        avoid!("nl glycolic", &["Aqua, Glycolzuur"], GA),
        avoid!("pl glycolic", &["Aqua, Kwas glikolowy"], GA),
        avoid!("ru glycolic", &["Вода, гликолевая кислота"], GA),
        avoid!("ja glycolic", &["水、グリコール酸、BG"], GA),
        avoid!("ko glycolic", &["정제수, 글라이콜릭애씨드"], GA),
        avoid!("zh glycolic", &["水, 乙醇酸, 甘油"], GA),
        avoid!("it bpo", &["Principio attivo: Perossido di Benzoile."], BPO),
        avoid!("it bpo one word", &["Principio attivo:Benzoilperossido"], BPO),
        avoid!("pt-BR bpo", &["Gel com peróxido de benzoíla"], BPO),
        avoid!("ru genitive bpo", &["В 1 г геля 50 мг бензоилпероксида"], BPO),
        avoid!("fr hydrated bpo", &["Peroxyde de benzoyle hydraté 4,5 g"], BPO),
        avoid!("fr inverted bpo", &["BENZOYLE PEROXYDE 10 g"], BPO),
        avoid!("de hydrate bpo", &["Benzoylperoxid-Hydrat"], BPO),
        avoid!("nl bpo", &["Werkzame stof: benzoylperoxide"], BPO),
        avoid!("pl bpo", &["Nadtlenek benzoilu (benzoyl peroxide)"], BPO),
        avoid!(
            "pl inverted genitive bpo",
            &["1 g żelu zawiera 100 mg benzoilu nadtlenku"],
            BPO
        ),
        avoid!("ru bpo", &["Действующее вещество: бензоила пероксид"], BPO),
        avoid!("la bpo", &["Benzoylis peroxidum cum aqua"], BPO),
        avoid!("ja bpo", &["【一般名】 過酸化ベンゾイル"], BPO),
        avoid!("ko bpo", &["과산화벤조일, 정제수"], BPO),
        avoid!("zh-Hans bpo", &["过氧化苯甲酰, 水"], BPO),
        avoid!("zh-Hant bpo", &["過氧化苯甲醯, 水"], BPO),
    ]);
}

#[test]
fn salts_and_willow_bark_are_recognised_in_every_script() {
    run_table(&[
        Case {
            name: "ja sodium salicylate",
            input: &["水、サリチル酸Na、BG"],
            verdict: Avoid,
            flagged: &[("sodium-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "ko betaine salicylate",
            input: &["정제수, 베타인살리실레이트"],
            verdict: Avoid,
            flagged: &[("betaine-salicylate", Derivative)],
            beneficial: &[],
        },
        Case {
            name: "salix alba alone",
            input: &["Aqua, Salix Alba, Glycerin"],
            verdict: Caution,
            flagged: &[WILLOW],
            beneficial: &[],
        },
        Case {
            name: "ja willow bark",
            input: &["水、ヤナギ樹皮エキス、BG"],
            verdict: Caution,
            flagged: &[WILLOW],
            beneficial: &[],
        },
        Case {
            name: "ko willow bark",
            input: &["정제수, 흰버드나무껍질추출물"],
            verdict: Caution,
            flagged: &[WILLOW],
            beneficial: &[],
        },
        Case {
            name: "zh willow bark",
            input: &["水, 白柳树皮提取物"],
            verdict: Caution,
            flagged: &[WILLOW],
            beneficial: &[],
        },
    ]);
}

#[test]
fn translated_lookalikes_protect_the_label() {
    let never = [
        "サリチル酸エチルヘキシル",
        "水杨酸乙基己酯",
        "에칠헥실살리실레이트",
        "Natriumbenzoat",
        "苯甲酸钠",
        "소듐벤조에이트",
        "安息香酸Na",
        "부틸렌글라이콜",
    ];
    common::assert_never_flagged(&never);
    // Methyl salicylate is never salicylic acid; low on a list it is not flagged at all (high on
    // it, it reads as wintergreen oil: a harsh-product caution).
    for name in [
        "Methylsalicylat",
        "метилсалицилат",
        "салицилат метила",
        "Methylium salicylicum",
        "methyl ester of salicylic acid",
        "éster metílico do ácido salicílico",
    ] {
        let label = format!("Aqua, Glycerin, Dimethicone, Cetyl Alcohol, Tocopherol, Xanthan Gum, {name}");
        let result = common::check(&[&label]);
        assert!(result.flagged.is_empty(), "{name}: {:?}", result.flagged);
    }
    // Hydrogen peroxide is never benzoyl peroxide: it is flagged as itself.
    for name in ["перекись водорода", "過酸化水素", "Wasserstoffperoxid"] {
        let result = common::check(&[name]);
        let ids: Vec<&str> = result.flagged.iter().map(|f| f.ingredient_id.as_str()).collect();
        assert_eq!(ids, ["hydrogen-peroxide"], "{name}");
    }
}

#[test]
fn claims_of_absence_are_read_in_every_language() {
    let claims = [
        "senza acido salicilico",
        "sem ácido salicílico",
        "zonder salicylzuur",
        "bez kwasu salicylowego",
        "без салициловой кислоты",
        "Salicylsäurefrei",
        "살리실릭애씨드 무첨가",
        "不含水杨酸",
    ];
    common::assert_claims_ignored(&claims);
}
