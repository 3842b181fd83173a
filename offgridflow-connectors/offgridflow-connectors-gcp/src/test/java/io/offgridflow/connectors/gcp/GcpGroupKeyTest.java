package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import org.junit.jupiter.api.Test;

class GcpGroupKeyTest {
  @Test
  void parsesCaseAndSpacesAndDropsDuplicates() {
    assertThat(GcpGroupKey.parseList(" Class, region ,class,,SKU"))
        .containsExactly(GcpGroupKey.CLASS, GcpGroupKey.REGION, GcpGroupKey.SKU);
  }

  @Test
  void namesTheUnknownKeyAndTheValidOnes() {
    assertThatThrownBy(() -> GcpGroupKey.parseList("class,account"))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("'account'").hasMessageContaining("project");
  }
}
