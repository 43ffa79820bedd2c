{{/* Base name of every object: the release name unless overridden. */}}
{{- define "rtx.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "rtx.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of a component's objects. Usage: include "rtx.name" (dict "root" $ "component" "gateway") */}}
{{- define "rtx.name" -}}
{{- printf "%s-%s" (include "rtx.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: stable for the life of a release, so never include versions here. */}}
{{- define "rtx.selectorLabels" -}}
app.kubernetes.io/name: rtx
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "rtx.labels" -}}
{{ include "rtx.selectorLabels" . }}
app.kubernetes.io/part-of: rtx
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "rtx.chart" .root }}
rtx.io/environment: {{ .root.Values.environment }}
{{- end -}}

{{/* Argo CD applies lower waves first: namespace and secrets, then data stores, then services. */}}
{{- define "rtx.syncWave" -}}
argocd.argoproj.io/sync-wave: {{ . | quote }}
{{- end -}}

{{/*
Image reference. A digest, when given, wins over the tag; an empty tag falls back to global.imageTag,
and the schema rejects "latest", so every rendered image is pinned.
Usage: include "rtx.image" (dict "root" $ "image" .Values.gateway.image)
*/}}
{{- define "rtx.image" -}}
{{- $registry := .image.registry | default .root.Values.global.imageRegistry -}}
{{- $repo := ternary .image.repository (printf "%s/%s" $registry .image.repository) (empty $registry) -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repo .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (.image.tag | default .root.Values.global.imageTag) -}}
{{- end -}}
{{- end -}}

{{- define "rtx.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod-level hardening shared by every pod (Pod Security "restricted"). */}}
{{- define "rtx.podSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 65532
  runAsGroup: 65532
  fsGroup: 65532
  fsGroupChangePolicy: OnRootMismatch
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{- define "rtx.containerSecurityContext" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 65532
  runAsGroup: 65532
  readOnlyRootFilesystem: true
  allowPrivilegeEscalation: false
  privileged: false
  capabilities:
    drop: ["ALL"]
  seccompProfile:
    type: RuntimeDefault
{{- end -}}

{{/* Spreads replicas over nodes and zones; soft, so a small dev cluster still schedules. */}}
{{- define "rtx.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "rtx.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "rtx.selectorLabels" . | nindent 8 }}
{{- end -}}

{{/* nodeSelector and tolerations of a component (e.g. spot pools for stateless pods). */}}
{{- define "rtx.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Scratch space for the JVM and native libraries (Snappy, zstd, RocksDB) under a read-only root. */}}
{{- define "rtx.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}

{{- define "rtx.postgresql.host" -}}
{{ include "rtx.name" (dict "root" . "component" "postgresql") }}
{{- end -}}

{{- define "rtx.redis.host" -}}
{{ include "rtx.name" (dict "root" . "component" "redis") }}
{{- end -}}

{{/* Environment shared by the Spring Boot services. Usage: include "rtx.springEnv" (dict "root" $ "component" "risk" "port" 8081 "javaOpts" "...") */}}
{{- define "rtx.springEnv" -}}
{{- $kafka := .root.Values.kafka -}}
{{- if gt (int $kafka.minInsyncReplicas) (int $kafka.replicationFactor) }}
{{- fail (printf "kafka.minInsyncReplicas (%d) exceeds kafka.replicationFactor (%d): no acknowledged write could succeed" (int $kafka.minInsyncReplicas) (int $kafka.replicationFactor)) }}
{{- end }}
- name: SERVER_PORT
  value: {{ .port | quote }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $kafka.bootstrapServers | quote }}
# Every service creates and checks the topics with these (rtx.kafka.*, docs/topics.md).
- name: RTX_KAFKA_PARTITIONS
  value: {{ $kafka.partitions | quote }}
- name: RTX_KAFKA_REPLICATION_FACTOR
  value: {{ $kafka.replicationFactor | quote }}
- name: RTX_KAFKA_MIN_INSYNC_REPLICAS
  value: {{ $kafka.minInsyncReplicas | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .javaOpts | quote }}
- name: SERVER_SHUTDOWN
  value: graceful
- name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
  value: "true"
- name: MANAGEMENT_METRICS_TAGS_ENVIRONMENT
  value: {{ .root.Values.environment | quote }}
{{- if .root.Values.sentry.enabled }}
- name: SENTRY_DSN
  valueFrom:
    secretKeyRef:
      name: {{ include "rtx.name" (dict "root" .root "component" "sentry") }}
      key: dsn
      optional: true
- name: SENTRY_ENVIRONMENT
  value: {{ .root.Values.environment | quote }}
{{- end }}
{{- end -}}

{{- define "rtx.postgresEnv" -}}
{{- $host := include "rtx.postgresql.host" .root -}}
{{- $db := .root.Values.postgresql.database -}}
{{- $secret := include "rtx.name" (dict "root" .root "component" "postgresql") -}}
- name: SPRING_R2DBC_URL
  value: {{ printf "r2dbc:postgresql://%s:5432/%s" $host $db | quote }}
- name: SPRING_R2DBC_USERNAME
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: username}
- name: SPRING_R2DBC_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: password}
{{- if .flyway }}
- name: SPRING_FLYWAY_URL
  value: {{ printf "jdbc:postgresql://%s:5432/%s" $host $db | quote }}
- name: SPRING_FLYWAY_USER
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: username}
- name: SPRING_FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: password}
{{- end }}
{{- end -}}

{{- define "rtx.redisEnv" -}}
- name: SPRING_DATA_REDIS_HOST
  value: {{ include "rtx.redis.host" .root | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: "6379"
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "rtx.name" (dict "root" .root "component" "redis") }}
      key: password
{{- end -}}

{{/* HTTP probes of a Spring Boot service: startup tolerates slow state restores, liveness stays cheap. */}}
{{- define "rtx.springProbes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 5
  failureThreshold: {{ .startupFailureThreshold | default 60 }}
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  timeoutSeconds: 2
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  timeoutSeconds: 2
  failureThreshold: 2
{{- end -}}
