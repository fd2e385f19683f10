//! The configured `[limits]` written into the request schemas.

/// Writes the configured `[limits]` into the request schemas as JSON Schema keywords, so the spec a
/// server serves states the bounds it enforces (the committed spec has the defaults). The total
/// of an `ingredients` list is bounded too, which JSON Schema cannot say: each string gets the bound.
pub(super) fn apply_limits(api: &mut utoipa::openapi::OpenApi, limits: &crate::settings::LimitSettings) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ArrayItems, Schema};

    let Some(components) = api.components.as_mut() else {
        return;
    };
    let schemas = &mut components.schemas;
    let mut string_property = |schema: &str, property: &str, max_length: usize| {
        if let Some(RefOr::T(Schema::Object(object))) = schemas.get_mut(schema)
            && let Some(RefOr::T(Schema::Object(field))) = object.properties.get_mut(property)
        {
            field.max_length = Some(max_length);
        }
    };
    string_property("IngredientCheckRequest", "product_name", limits.product_name_chars);
    string_property("BatchProduct", "id", limits.product_name_chars);
    string_property("BatchProduct", "product_name", limits.product_name_chars);
    if let Some(RefOr::T(Schema::Object(batch))) = schemas.get_mut("BatchCheckRequest")
        && let Some(RefOr::T(Schema::Array(products))) = batch.properties.get_mut("products")
    {
        products.min_items = Some(1);
        products.max_items = Some(limits.batch_max_products);
    }
    if let Some(RefOr::T(Schema::OneOf(input))) = schemas.get_mut("IngredientsInput") {
        for form in &mut input.items {
            match form {
                RefOr::T(Schema::Object(text)) => text.max_length = Some(limits.ingredient_text_chars),
                RefOr::T(Schema::Array(list)) => {
                    list.max_items = Some(limits.ingredient_list_items);
                    if let ArrayItems::RefOrSchema(item) = &mut list.items
                        && let RefOr::T(Schema::Object(text)) = item.as_mut()
                    {
                        text.max_length = Some(limits.ingredient_text_chars);
                    }
                }
                _ => {}
            }
        }
    }
}
