package casefmt

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

const schemaFile = "case-v1p1-cfpackage.schema.json"

// caseSchema compiles the official CASE 1.1 CFPackage schema, with
// formats (uuid, date-time, date) asserted.
func caseSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile(filepath.Join(fixtureDir(t), schemaFile))
	require.NoError(t, err)
	return s
}

// validateCASE reports the schema violations of a CFPackage document.
func validateCASE(t testing.TB, s *jsonschema.Schema, doc []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	return s.Validate(v)
}

// The validator is calibrated on the fixtures: the README says which of
// them are valid CASE 1.1 and which one breaks the schema.
func TestSchemaCalibration(t *testing.T) {
	s := caseSchema(t)
	require.NoError(t, validateCASE(t, s, fixture(t, "opensalt-SmartLevelFramework.json")))
	require.Error(t, validateCASE(t, s, fixture(t, "opensalt-sample-framework-ccss-ratios.json")))
	require.Error(t, validateCASE(t, s, []byte(`{"CFDocument": {"identifier": "not-a-uuid", "uri": "u", "creator": "c", "title": "t", "lastChangeDateTime": "2024-01-01T00:00:00Z"}}`)))
}
