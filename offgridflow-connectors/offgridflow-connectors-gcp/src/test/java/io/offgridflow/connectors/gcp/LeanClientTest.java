package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.fixtures.CarbonFootprintFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/**
 * The module excludes the BigQuery Storage Read API (gRPC, Arrow, Netty) from the client's
 * dependencies: this proves they are really absent and that querying and paging still work.
 */
class LeanClientTest {

  @Test
  void storageReadApiArrowAndGrpcTransportAreNotOnTheClassPath() {
    for (String cls : new String[] {"com.google.cloud.bigquery.storage.v1.BigQueryReadClient",
        "org.apache.arrow.vector.VectorSchemaRoot", "io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder"}) {
      // (Jackson is excluded from the client too, but WireMock brings it onto the test class path.)
      assertThatThrownBy(() -> Class.forName(cls, false, getClass().getClassLoader()))
          .as(cls).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void theClientQueriesAndPagesWithoutThem() {
    try (FakeBigQuery fake = new FakeBigQuery(CarbonFootprintFixture.generate(11, YearMonth.of(2025, 1), 2))) {
      fake.pageSize(2);
      CarbonFootprintResult r = GcpCarbonFootprintConnector.builder().bigQuery(fake.client())
          .table("test-project.carbon.carbon_footprint").build().sync(SyncContext.builder().build());
      assertThat(r.rowsRead()).isEqualTo(12);
      assertThat(fake.requestLines()).filteredOn(l -> l.contains("pageToken=")).hasSize(5);
    }
  }
}
