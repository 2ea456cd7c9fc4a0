// Reads a tiqu output file (.binpb or .binpb.gz) without tiqu: only the
// protobuf Java runtime and the classes protoc generates from proto/.
//
//   mkdir -p gen && protoc -I proto --java_out=gen proto/tiqu/v1/document.proto
//   javac -cp /usr/share/java/protobuf.jar -d classes gen/io/tiqu/v1/*.java \
//       examples/consumers/java/ReadTiqu.java
//   java -cp /usr/share/java/protobuf.jar:classes ReadTiqu facts.binpb
//
// Prints each document's facts, then one line of counts:
//   documents=6 facts=170 MONEY=3 QUANTITY=120 ...
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.tiqu.v1.Document;
import io.tiqu.v1.Fact;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

public final class ReadTiqu {
  private static final TextFormat.Printer VALUE_PRINTER = TextFormat.printer().escapingNonAscii(false);

  private ReadTiqu() {}

  private static String typeName(Fact fact) {
    return fact.getType() == Fact.Type.CUSTOM ? "CUSTOM:" + fact.getCustomType() : fact.getType().name();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ReadTiqu FILE.binpb[.gz]");
      System.exit(2);
    }
    Map<String, Integer> counts = new TreeMap<>();
    int documents = 0;
    int facts = 0;
    InputStream file = new BufferedInputStream(new FileInputStream(args[0]));
    try (InputStream in = args[0].endsWith(".gz") ? new GZIPInputStream(file) : file) {
      // parseDelimitedFrom reads one varint length prefix and that many bytes;
      // it returns null at a clean end of the stream.
      Document doc;
      while ((doc = Document.parseDelimitedFrom(in)) != null) {
        documents++;
        System.out.println(doc.getId() + ": " + doc.getFactsCount() + " fact(s), status " + doc.getStatus().getCode());
        for (Fact fact : doc.getFactsList()) {
          facts++;
          counts.merge(typeName(fact), 1, Integer::sum);
          String value = "";
          if (fact.getValueCase() != Fact.ValueCase.VALUE_NOT_SET) {
            Descriptors.FieldDescriptor field = Fact.getDescriptor().findFieldByNumber(fact.getValueCase().getNumber());
            value = field.getName() + " { " + VALUE_PRINTER.shortDebugString((Message) fact.getField(field)) + " }";
          }
          System.out.println("  " + typeName(fact) + "\t" + fact.getSpan().getBegin() + "-" + fact.getSpan().getEnd()
              + "\t" + fact.getText() + "\t" + value);
        }
      }
    }
    StringBuilder line = new StringBuilder("documents=" + documents + " facts=" + facts);
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      line.append(' ').append(entry.getKey()).append('=').append(entry.getValue());
    }
    System.out.println(line);
  }
}
