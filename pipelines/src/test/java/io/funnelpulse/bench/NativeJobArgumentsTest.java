package io.funnelpulse.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnelpulse.bench.NativeJobArguments.TableSet;
import org.junit.jupiter.api.Test;

/** The native job's command line: defaults, each option, and what it refuses. */
class NativeJobArgumentsTest {
  @Test
  void defaultTablesOnLocalTwoUnlessTold() {
    NativeJobArguments arguments = NativeJobArguments.parse(new String[] {"--input=in/*.csv", "--output=out"});
    assertThat(arguments.input(), is("in/*.csv"));
    assertThat(arguments.output(), is("out"));
    assertThat(arguments.tables(), is(TableSet.DEFAULT));
    assertThat(arguments.master(), is("local[2]"));
  }

  @Test
  void tablesAndMasterAreTaken() {
    NativeJobArguments arguments = NativeJobArguments.parse(
        new String[] {"--input=a.csv", "--output=o", "--tables=Funnel", "--master=local[*]"});
    assertThat(arguments.tables(), is(TableSet.FUNNEL));
    assertThat(arguments.master(), is("local[*]"));
  }

  @Test
  void unknownOptionsBadTableSetsAndMissingPathsAreRefused() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> NativeJobArguments.parse(
        new String[] {"--input=a", "--output=o", "--runner=SparkRunner"})).getMessage(), containsString("--runner"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> NativeJobArguments.parse(
        new String[] {"--input=a", "--output=o", "--tables=all"})).getMessage(), containsString("funnel or default"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> NativeJobArguments.parse(
        new String[] {"--input=a"})).getMessage(), containsString("required"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> NativeJobArguments.parse(
        new String[] {"--input", "a"})).getMessage(), containsString("--name=value"));
  }
}
