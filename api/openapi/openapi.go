// Package openapi embeds the OpenAPI (Swagger 2.0) document generated from
// the concord.v1 protos.
package openapi

import _ "embed"

// Spec is the OpenAPI document of the REST API.
//
//go:embed concord.swagger.json
var Spec []byte
