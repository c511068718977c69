import FlareS3
import Foundation
import HTTPTypes
import Testing

/// S3's XML: the error document and escaping.
struct S3XMLTests {
    @Test func errorDocumentEscapesItsText() {
        let error = S3Error(
            code: "NoSuchKey", message: "The specified key does not exist.", status: .notFound,
            details: [("Key", "a<b>&\"c\"")])
        let xml = error.xml(resource: "/bucket/a<b>", requestID: "1234")
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"))
        #expect(xml.contains("<Key>a&lt;b&gt;&amp;&quot;c&quot;</Key>"))
        #expect(xml.contains("<Resource>/bucket/a&lt;b&gt;</Resource><RequestId>1234</RequestId></Error>"))
    }
}
