#!/bin/sh
# Regenerates the Strimzi CRD schemas in this folder with Strimzi's own generator (io.strimzi:crd-generator)
# from the API classes (io.strimzi:api) of the Strimzi release the manifests target, serving
# kafka.strimzi.io/v1 only, as Strimzi >= 1.0 does. Both jars are Java 21 class files: give a JDK >= 21.
# Usage, from the repository root:
#   deploy/src/test/resources/schemas/strimzi/regenerate-strimzi.sh [JAVA_HOME of a JDK >= 21]
set -eu
version=1.2.0
java_home=${1:-/usr/lib/jvm/temurin-25-jdk-amd64}
here=$(cd "$(dirname "$0")" && pwd)
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A throwaway project without this build's parent, so Strimzi's own dependency versions apply.
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>0</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$version</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
"$root/mvnw" -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
"$java_home/bin/java" -cp "$(cat "$work/cp.txt")" io.strimzi.crdgenerator.CrdGenerator \
  --yaml --crd-api-version v1 --api-versions v1 --storage-version v1 \
  io.strimzi.api.kafka.model.kafka.Kafka="$here/kafka.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$here/kafkanodepool.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$here/kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$here/kafkauser.yaml"
