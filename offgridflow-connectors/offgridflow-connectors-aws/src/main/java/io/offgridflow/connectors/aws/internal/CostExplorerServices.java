package io.offgridflow.connectors.aws.internal;

import java.util.Map;

/**
 * Cost Explorer's SERVICE dimension values are display names ("Amazon Elastic Compute Cloud -
 * Compute"); CCF's rules and replication factors key on the CUR product code ({@code AmazonEC2}).
 * This maps the names of the services CCF's rules mention; any other name is kept as it is, which
 * only matters for those rules (SSD services, CloudFront, replication), not for the unit routing.
 */
public final class CostExplorerServices {
  private static final Map<String, String> CODE = Map.ofEntries(
      Map.entry("Amazon Elastic Compute Cloud - Compute", "AmazonEC2"),
      Map.entry("EC2 - Other", "AmazonEC2"),
      Map.entry("Amazon Elastic Block Store", "AmazonEC2"),
      Map.entry("Amazon Simple Storage Service", "AmazonS3"),
      Map.entry("Amazon Relational Database Service", "AmazonRDS"),
      Map.entry("Amazon DynamoDB", "AmazonDynamoDB"),
      Map.entry("AWS Lambda", "AWSLambda"),
      Map.entry("Amazon CloudFront", "AmazonCloudFront"),
      Map.entry("Amazon ElastiCache", "AmazonElastiCache"),
      Map.entry("Amazon Redshift", "AmazonRedshift"),
      Map.entry("Amazon Elastic File System", "AmazonEFS"),
      Map.entry("Amazon Elastic Container Service", "AmazonECS"),
      Map.entry("Amazon Elastic Container Service for Kubernetes", "AmazonEKS"),
      Map.entry("Amazon Elastic Kubernetes Service", "AmazonEKS"),
      Map.entry("Amazon Virtual Private Cloud", "AmazonVPC"),
      Map.entry("Amazon OpenSearch Service", "AmazonES"),
      Map.entry("Amazon Elasticsearch Service", "AmazonES"),
      Map.entry("Amazon DocumentDB (with MongoDB compatibility)", "AmazonDocDB"),
      Map.entry("Amazon Managed Streaming for Apache Kafka", "AmazonMSK"),
      Map.entry("AWS Glue", "AWSGlue"),
      Map.entry("Amazon SimpleDB", "AmazonSimpleDB"),
      Map.entry("Amazon SageMaker", "AmazonSageMaker"),
      Map.entry("AWS IoT Analytics", "AWSIoTAnalytics"),
      Map.entry("Amazon Kinesis Analytics", "AmazonKinesisAnalytics"),
      Map.entry("Amazon MQ", "AmazonMQ"),
      Map.entry("Amazon Lightsail", "AmazonLightsail"),
      Map.entry("Amazon Neptune", "AmazonNeptune"),
      Map.entry("Amazon Elastic MapReduce", "ElasticMapReduce"),
      Map.entry("Amazon EMR", "ElasticMapReduce"),
      Map.entry("Amazon Kinesis", "AmazonKinesis"),
      Map.entry("Amazon Elastic Load Balancing", "AWSELB"),
      Map.entry("Elastic Load Balancing", "AWSELB"),
      Map.entry("Amazon EC2 Container Registry (ECR)", "AmazonECR"),
      Map.entry("AWS Backup", "AWSBackup"),
      Map.entry("Amazon Simple Queue Service", "AWSQueueService"),
      Map.entry("Amazon Simple Notification Service", "AmazonSNS"),
      Map.entry("AmazonCloudWatch", "AmazonCloudWatch"));

  private CostExplorerServices() {}

  /** The CUR product code of a Cost Explorer service name, or the name itself when not mapped. */
  public static String productCode(String serviceName) {
    return CODE.getOrDefault(serviceName, serviceName);
  }
}
