"""The tiqu.v1 protobuf messages (generated from proto/tiqu/v1/ at build time):
`document_pb2` holds Document, Fact and the value messages; `rules_pb2` the rule
file schema."""
