// AWS Query API answers: the XML envelopes STS and SNS use for results and errors.
import { randomUUID } from "node:crypto";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
export const SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

export function escapeXml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

export function unescapeXml(text) {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…`, as the Query API answers. */
export function resultXml(xmlns, action, resultBody) {
  return [
    `<${action}Response xmlns="${xmlns}">`,
    `  <${action}Result>`,
    resultBody,
    `  </${action}Result>`,
    `  <ResponseMetadata>`,
    `    <RequestId>${randomUUID()}</RequestId>`,
    `  </ResponseMetadata>`,
    `</${action}Response>`,
  ].join("\n");
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function errorXml(xmlns, code, message, type = "Sender") {
  return [
    `<ErrorResponse xmlns="${xmlns}">`,
    `  <Error>`,
    `    <Type>${type}</Type>`,
    `    <Code>${escapeXml(code)}</Code>`,
    `    <Message>${escapeXml(message)}</Message>`,
    `  </Error>`,
    `  <RequestId>${randomUUID()}</RequestId>`,
    `</ErrorResponse>`,
  ].join("\n");
}

/** Simple `<tag>text</tag>` lines; values are escaped. */
export function elements(fields, indent = "    ") {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([tag, value]) => `${indent}<${tag}>${escapeXml(value)}</${tag}>`)
    .join("\n");
}
