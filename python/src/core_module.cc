// tiqu._core: thin shims over the public C++ API (cpp/include/tiqu/). The real
// Python API is the pure-Python package python/tiqu/, which converts arguments,
// parses the returned bytes with the generated _pb2 modules and documents
// everything.
//
// Conventions at this boundary:
//  - Texts arrive as UTF-8 `bytes` (the Python side encodes `str`), documents
//    leave as serialized tiqu.v1.Document bytes: no C++/Python protobuf ABI
//    coupling, and the Python protobuf runtime may be any compatible version.
//  - A non-OK tiqu::Status becomes the matching exception of tiqu._errors
//    (tiqu.RuleError with file, line, column and rule id, ...), built in one
//    place, RaiseStatus.
//  - The GIL is released only around pure C++ work, after the input buffers
//    have been taken, so other Python threads run while tiqu extracts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/cli.h"
#include "common/parallel_for.h"
#include "tiqu/io.h"
#include "tiqu/numeral.h"
#include "tiqu/rules.h"
#include "tiqu/status.h"
#include "tiqu/tiqu.h"

namespace py = pybind11;

namespace tiqu {
namespace {

[[noreturn]] void RaiseStatus(const Status& status) {
  const ErrorLocation& where = status.location();
  py::object error = py::module_::import("tiqu._errors")
                         .attr("error_from_status")(StatusCodeName(status.code()), status.message(), status.ToString(),
                                                    where.file, where.line, where.column, where.rule_id);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  throw py::error_already_set();
}

template <typename T>
T ValueOrRaise(StatusOr<T> result) {
  if (!result.ok()) RaiseStatus(result.status());
  return std::move(result).value();
}

// The bytes of a Python `bytes` object, valid while the object is alive (bytes
// are immutable, so reading them without the GIL is safe).
std::string_view BytesView(const py::bytes& data) {
  char* buffer = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(data.ptr(), &buffer, &size) != 0) throw py::error_already_set();
  return std::string_view(buffer, static_cast<size_t>(size));
}

std::string Serialize(const v1::Document& doc) {
  std::string out;
  doc.SerializeToString(&out);
  return out;
}

class PyExtractor {
 public:
  PyExtractor(bool default_rules, std::vector<std::string> rule_files,
              std::vector<std::pair<std::string, std::string>> rule_texts, bool join_broken_lines,
              const std::vector<std::string>& types) {
    ExtractorOptions options;
    for (const std::string& name : types) {
      v1::Fact::Type type;
      if (!ParseFactType(name, &type)) RaiseStatus(InvalidArgumentError("unknown fact type '" + name + "'"));
      options.types.push_back(type);
    }
    options.default_rules = default_rules;
    options.rule_files = std::move(rule_files);
    options.rule_texts = std::move(rule_texts);
    options.join_broken_lines = join_broken_lines;
    StatusOr<Extractor> created = [&] {
      py::gil_scoped_release release;
      return Extractor::Create(options);
    }();
    extractor_.emplace(ValueOrRaise(std::move(created)));
  }

  py::bytes Extract(const py::bytes& text, std::string id, std::string source, std::string reference_date,
                    bool include_text) const {
    std::string_view view = BytesView(text);
    DocumentOptions options;
    options.id = std::move(id);
    options.source = std::move(source);
    options.reference_date = std::move(reference_date);
    options.include_text = include_text;
    StatusOr<std::string> serialized = [&]() -> StatusOr<std::string> {
      py::gil_scoped_release release;
      StatusOr<v1::Document> doc = extractor_->Extract(view, options);
      if (!doc.ok()) return doc.status();
      return Serialize(*doc);
    }();
    return py::bytes(ValueOrRaise(std::move(serialized)));
  }

  // `inputs`: (text, id, source, reference_date) tuples. Returns serialized
  // Documents in input order.
  std::vector<py::bytes> ExtractBatch(const std::vector<std::tuple<py::bytes, std::string, std::string, std::string>>& inputs,
                                      bool include_text, int threads) const {
    std::vector<DocumentInput> batch(inputs.size());
    for (size_t i = 0; i < inputs.size(); ++i) {
      const auto& [text, id, source, reference_date] = inputs[i];
      batch[i].text = std::string(BytesView(text));
      batch[i].options.id = id;
      batch[i].options.source = source;
      batch[i].options.reference_date = reference_date;
      batch[i].options.include_text = include_text;
    }
    StatusOr<std::vector<std::string>> serialized = [&]() -> StatusOr<std::vector<std::string>> {
      py::gil_scoped_release release;
      for (const DocumentInput& in : batch) {
        if (!in.options.reference_date.empty()) TIQU_RETURN_IF_ERROR(ValidateReferenceDate(in.options.reference_date));
      }
      // Each worker serializes the documents it extracts: serializing the
      // whole batch afterwards would leave one core working alone.
      std::vector<std::string> out(batch.size());
      std::vector<Status> errors(batch.size());
      ParallelFor(batch.size(), threads, [&](size_t i) {
        StatusOr<std::string> bytes = extractor_->ExtractSerialized(batch[i].text, batch[i].options);
        if (bytes.ok()) {
          out[i] = std::move(*bytes);
        } else {
          errors[i] = bytes.status();
        }
        std::string().swap(batch[i].text);
      });
      for (const Status& error : errors) {
        if (!error.ok()) return error;
      }
      return out;
    }();
    std::vector<std::string> docs = ValueOrRaise(std::move(serialized));
    std::vector<py::bytes> out;
    out.reserve(docs.size());
    for (std::string& doc : docs) {
      out.emplace_back(doc);
      std::string().swap(doc);
    }
    return out;
  }

  std::vector<std::string> RuleIds() const { return extractor_->RuleIds(); }

  // Runs the examples of the loaded rules: (rules, examples, negatives,
  // failures as (rule id, file, line, example, reason)).
  py::tuple CheckExamples(const std::string& rule_id_prefix) const {
    RuleCheckReport report;
    {
      py::gil_scoped_release release;
      report = RunRuleExamples(*extractor_, rule_id_prefix);
    }
    py::list failures;
    for (const ExampleFailure& f : report.failures) {
      failures.append(py::make_tuple(f.rule_id, f.location.file, f.location.line, f.example, f.reason));
    }
    return py::make_tuple(report.rules, report.examples, report.negatives, failures);
  }

 private:
  // Always set after construction; optional only because Extractor has no
  // default constructor.
  std::optional<Extractor> extractor_;
};

// Reads a .binpb stream record by record.
class PyBinpbReader {
 public:
  explicit PyBinpbReader(const std::string& path) : reader_(ValueOrRaise(DocumentReader::Open(path))) {}

  // The next record's bytes, or None at the end.
  py::object Next() {
    v1::Document doc;
    StatusOr<bool> more = [&] {
      py::gil_scoped_release release;
      return reader_->Next(&doc);
    }();
    if (!ValueOrRaise(std::move(more))) return py::none();
    return py::bytes(Serialize(doc));
  }

  size_t records() const { return reader_->records(); }

 private:
  std::unique_ptr<DocumentReader> reader_;
};

// Writes documents in one of the CLI's formats, atomically (see tiqu/io.h).
class PyDocumentWriter {
 public:
  PyDocumentWriter(const std::string& path, const std::string& format)
      : writer_(ValueOrRaise(DocumentWriter::Open(path, ValueOrRaise(ParseOutputFormat(format))))) {}

  void Write(const py::bytes& serialized) {
    v1::Document doc;
    std::string_view view = BytesView(serialized);
    if (!doc.ParseFromArray(view.data(), static_cast<int>(view.size()))) {
      RaiseStatus(InvalidArgumentError("not a serialized tiqu.v1.Document"));
    }
    Status st = writer_->Write(doc);
    if (!st.ok()) RaiseStatus(st);
  }

  void Close() {
    Status st = writer_->Close();
    if (!st.ok()) RaiseStatus(st);
  }

 private:
  std::unique_ptr<DocumentWriter> writer_;
};

int RunCliFromPython(const std::vector<std::string>& args) {
  // The C++ CLI writes through std::cout/stdio; flush Python's buffers first
  // so output appears in order.
  py::module_::import("sys").attr("stdout").attr("flush")();
  py::module_::import("sys").attr("stderr").attr("flush")();
  int code;
  {
    py::gil_scoped_release release;
    code = RunCli(args);
    std::fflush(stdout);
  }
  return code;
}

}  // namespace
}  // namespace tiqu

PYBIND11_MODULE(_core, m) {
  using namespace tiqu;
  m.doc() = "tiqu's C++ core. Use the `tiqu` package, not this module.";
  m.attr("__version__") = Version();

  py::class_<PyExtractor>(m, "Extractor")
      .def(py::init<bool, std::vector<std::string>, std::vector<std::pair<std::string, std::string>>, bool,
                    const std::vector<std::string>&>(),
           py::arg("default_rules"), py::arg("rule_files"), py::arg("rule_texts"), py::arg("join_broken_lines"),
           py::arg("types"))
      .def("extract", &PyExtractor::Extract, py::arg("text"), py::arg("id"), py::arg("source"),
           py::arg("reference_date"), py::arg("include_text"))
      .def("extract_batch", &PyExtractor::ExtractBatch, py::arg("inputs"), py::arg("include_text"),
           py::arg("threads"))
      .def("rule_ids", &PyExtractor::RuleIds)
      .def("check_examples", &PyExtractor::CheckExamples, py::arg("rule_id_prefix"));

  py::class_<PyBinpbReader>(m, "BinpbReader")
      .def(py::init<const std::string&>(), py::arg("path"))
      .def("next", &PyBinpbReader::Next)
      .def_property_readonly("records", &PyBinpbReader::records);

  py::class_<PyDocumentWriter>(m, "DocumentWriter")
      .def(py::init<const std::string&, const std::string&>(), py::arg("path"), py::arg("format"))
      .def("write", &PyDocumentWriter::Write, py::arg("document"))
      .def("close", &PyDocumentWriter::Close);

  m.def(
      "parse_numeral",
      [](const std::string& text) -> std::pair<double, std::optional<double>> {
        Numeral n = ValueOrRaise(ParseNumeral(text));
        return {n.value, n.value_max};
      },
      py::arg("text"));
  m.def(
      "validate_reference_date",
      [](const std::string& date) {
        Status st = ValidateReferenceDate(date);
        if (!st.ok()) RaiseStatus(st);
      },
      py::arg("date"));
  m.def("run_cli", &RunCliFromPython, py::arg("args"));
}
