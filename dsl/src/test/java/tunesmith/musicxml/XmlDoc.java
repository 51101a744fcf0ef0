package tunesmith.musicxml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** MusicXML read back with the JDK's DOM parser, for the tests; the DTD is never fetched (no network in tests). */
final class XmlDoc {

    private XmlDoc() {}

    /** Parses the text, failing on anything that is not well-formed XML. */
    static Document parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setValidating(false);
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(null);
        return b.parse(new InputSource(new StringReader(text)));
    }

    /** The element children of an element, in order. */
    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    /** The element children with a name. */
    static List<Element> children(Element e, String name) {
        return children(e).stream().filter(c -> c.getTagName().equals(name)).toList();
    }

    static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The text of the first child with that name, or null. */
    static String text(Element e, String name) {
        Element c = child(e, name);
        return c == null ? null : c.getTextContent();
    }

    /** Every element with that name in the document, in document order. */
    static List<Element> all(Node root, String name) {
        NodeList list = root instanceof Document d ? d.getElementsByTagName(name) : ((Element) root).getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }
}
