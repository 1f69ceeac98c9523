package io.funnelpulse.generate;

/** Where generated lines go, in output order: valid event rows and malformed extra lines. */
interface LineSink {

  void valid(String line, long eventSecond);

  void malformed(String line, String kind);
}
