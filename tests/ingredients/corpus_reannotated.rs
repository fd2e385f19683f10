//! Re-annotations of `corpus/labels.toml` made by the harsh-products change (issue 13, item 5):
//! scrubs are now `avoid`, and fragrance, strong essential oils, retinoids, PHAs and denatured
//! alcohol high on the list are cautions. The corpus file belongs to its own review and is not
//! edited on this branch; its runner reads these rows over it. Fold them into `labels.toml` (and
//! empty this table) when the corpus is next reviewed.

/// A label's new verdict and the ids now flagged besides its annotated ones.
pub struct Reannotation {
    /// The label's `name` in `labels.toml`.
    pub name: &'static str,
    /// The verdict it now gets.
    pub verdict: &'static str,
    /// Flagged now, besides the label's `flagged`.
    pub also_flagged: &'static [&'static str],
}

const fn row(name: &'static str, verdict: &'static str, also_flagged: &'static [&'static str]) -> Reannotation {
    Reannotation {
        name,
        verdict,
        also_flagged,
    }
}

/// Every label the change re-annotates, in the corpus's order.
pub const REANNOTATED: &[Reannotation] = &[
    row("Acne treatment (salicylic acid 2.0%)", "avoid", &["fragrance"]),
    row("Purifying Foaming Wash", "avoid", &["tea-tree-oil"]),
    row(
        "Acne Control Body Wash (salicylic acid 1%)",
        "avoid",
        &["fragrance", "gluconolactone"],
    ),
    row("LHA + AHA Exfoliating Toner Pads", "avoid", &["gluconolactone"]),
    // "SD Alcohol" third on the list; "Eucalyptus Oil".
    row("AB Toner", "avoid", &["alcohol-denat", "eucalyptus-oil"]),
    row("Sunscreen SPF 15 lotion", "caution", &["fragrance"]),
    row("Cucumber And Aloe Facial Hydrating Toner", "caution", &["fragrance"]),
    // A scrub: avoid, not caution.
    row("Fresh Skin Face Scrub Apricot", "avoid", &["fragrance"]),
    row("Apricot Scrub Renew & Firm", "avoid", &["fragrance"]),
    row("Oil-Free Acne Wash Cream Cleanser", "avoid", &["fragrance"]),
    row("Oil-Free Acne Wash (lotion)", "avoid", &["fragrance"]),
    row("Oil-Free Acne Wash Daily Scrub", "avoid", &["fragrance"]),
    row("Oil-Free Acne Stress Control Power-Cream Wash", "avoid", &["fragrance"]),
    row("Acne Wash (salicylic acid 2%)", "avoid", &["fragrance"]),
    // "SD Alcohol 40-B (Natural Grain) 10%" second on the list.
    row(
        "Witch Hazel Aloe Vera Formula Astringent (Lemon)",
        "caution",
        &["alcohol-denat", "fragrance"],
    ),
    row("Oil-Free Acne Wash (liquid)", "avoid", &["fragrance"]),
    row("Glow Tonic (Boots listing)", "avoid", &["fragrance"]),
    row("Glow Tonic (older formula)", "avoid", &["fragrance"]),
    row(
        "Daily Sunscreen Cream Broad Spectrum SPF 30",
        "caution",
        &["gluconolactone"],
    ),
    row(
        "Daily Face Broad Spectrum (zinc oxide 6.6%)",
        "caution",
        &["eucalyptus-oil", "peppermint-oil"],
    ),
    // A scrub (diatomaceous earth): avoid.
    row("Daily Refining Scrub", "avoid", &["grapefruit-oil"]),
    // A scrub (jojoba beads) that also holds retinol and lemon oil.
    row("Retinol 2% Exfoliating Scrub/Mask", "avoid", &["lemon-oil", "retinol"]),
];

/// The re-annotation of the label named `name`, if any.
pub fn reannotation(name: &str) -> Option<&'static Reannotation> {
    REANNOTATED.iter().find(|row| row.name == name)
}
