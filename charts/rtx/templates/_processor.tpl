{{/*
A Kafka Streams processor (risk, matching, ledger): StatefulSet with rolling updates, one state volume
per pod, standby replicas, a PDB, an optional HPA capped at the partition count, and its NetworkPolicy.
No blue-green here: a preview pod would join the live consumer group (docs/adr/0005-releasing-stream-processors.md).
Usage: include "rtx.processor" (dict "root" $ "component" "risk" "postgresql" false "redis" false)
*/}}
{{- define "rtx.processor" -}}
{{- $root := .root }}
{{- $v := index $root.Values .component }}
{{- $ctx := dict "root" $root "component" .component }}
{{- $name := include "rtx.name" $ctx }}
{{- $stateDir := "/var/lib/rtx/state" }}
{{- if gt (int $v.autoscaling.maxReplicas) (int $root.Values.kafka.partitions) }}
{{- fail (printf "%s.autoscaling.maxReplicas (%d) exceeds kafka.partitions (%d): extra instances would sit idle" .component (int $v.autoscaling.maxReplicas) (int $root.Values.kafka.partitions)) }}
{{- end }}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "0" | nindent 4 }}
spec:
  serviceName: {{ $name }}-headless
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  # Scale-out starts pods together; updates still replace one pod at a time, waiting for readiness.
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
  revisionHistoryLimit: 3
  minReadySeconds: 10
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  selector:
    matchLabels:
      {{- include "rtx.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "rtx.labels" $ctx | nindent 8 }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      {{- with include "rtx.imagePullSecrets" $root }}{{ . | trim | nindent 6 }}{{ end }}
      {{- include "rtx.podSecurityContext" $root | nindent 6 }}
      # Time to commit the open transaction and leave the group cleanly.
      terminationGracePeriodSeconds: 60
      {{- include "rtx.topologySpread" $ctx | nindent 6 }}
      {{- with include "rtx.scheduling" $v }}{{ . | trim | nindent 6 }}{{ end }}
      containers:
        - name: {{ .component }}
          image: {{ include "rtx.image" (dict "root" $root "image" $v.image) }}
          imagePullPolicy: IfNotPresent
          {{- include "rtx.containerSecurityContext" $root | nindent 10 }}
          ports:
            - {name: http, containerPort: {{ $v.port }}, protocol: TCP}
          env:
            {{- include "rtx.springEnv" (dict "root" $root "component" .component "port" $v.port "javaOpts" $v.javaOpts) | nindent 12 }}
            # State directory and standby replicas: the services' own knobs (rtx.streams.*), the Cloud
            # Stream binder configuration they feed, and spring-kafka's state-dir.
            - name: RTX_STREAMS_STATE_DIR
              value: {{ $stateDir }}
            - name: RTX_STREAMS_STANDBY_REPLICAS
              value: {{ $v.standbyReplicas | quote }}
            - name: SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_STATE_DIR
              value: {{ $stateDir }}
            - name: SPRING_CLOUD_STREAM_KAFKA_STREAMS_BINDER_CONFIGURATION_NUM_STANDBY_REPLICAS
              value: {{ $v.standbyReplicas | quote }}
            - name: SPRING_KAFKA_STREAMS_STATE_DIR
              value: {{ $stateDir }}
            {{- if .postgresql }}
            {{- include "rtx.postgresEnv" (dict "root" $root "flyway" true) | nindent 12 }}
            {{- end }}
            {{- if .redis }}
            {{- include "rtx.redisEnv" (dict "root" $root) | nindent 12 }}
            {{- end }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          {{- /* A restore from the changelog can take minutes on a fresh volume: 10 min of startup grace. */}}
          {{- include "rtx.springProbes" (dict "startupFailureThreshold" 120) | nindent 10 }}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: state, mountPath: {{ $stateDir }}}
      volumes:
        {{- include "rtx.tmpVolume" $root | nindent 8 }}
  volumeClaimTemplates:
    - metadata:
        name: state
        labels:
          {{- include "rtx.selectorLabels" $ctx | nindent 10 }}
      spec:
        accessModes: [ReadWriteOnce]
        {{- with $root.Values.global.storageClass }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ $v.persistence.size }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}-headless
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "0" | nindent 4 }}
spec:
  clusterIP: None
  # Stable DNS for every pod, ready or not (restoring pods are still scraped).
  publishNotReadyAddresses: true
  selector:
    {{- include "rtx.selectorLabels" $ctx | nindent 4 }}
  ports:
    - {name: http, port: {{ $v.port }}, targetPort: http, protocol: TCP}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "0" | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "rtx.selectorLabels" $ctx | nindent 6 }}
{{- if $v.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "0" | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: StatefulSet
    name: {{ $name }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}}
  behavior:
    # Every scale step is a consumer-group rebalance: add pods one at a time, remove them slowly.
    scaleUp:
      policies: [{type: Pods, value: 1, periodSeconds: 120}]
    scaleDown:
      stabilizationWindowSeconds: 900
      policies: [{type: Pods, value: 1, periodSeconds: 600}]
{{- end }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "-3" | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
{{ include "rtx.netpol.metadata" $ctx }}
spec:
  podSelector:
    matchLabels:
      {{- include "rtx.selectorLabels" $ctx | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        {{- include "rtx.netpol.prometheusPeer" $root | nindent 8 }}
      ports:
        - {protocol: TCP, port: {{ $v.port }}}
  egress:
    {{- include "rtx.netpol.kafkaEgress" $root | nindent 4 }}
    {{- if .postgresql }}
    {{- include "rtx.netpol.storeEgress" (dict "root" $root "component" "postgresql" "port" 5432) | nindent 4 }}
    {{- end }}
    {{- if .redis }}
    {{- include "rtx.netpol.storeEgress" (dict "root" $root "component" "redis" "port" 6379) | nindent 4 }}
    {{- end }}
{{- if $root.Values.monitoring.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" $ctx | nindent 4 }}
    {{- with $root.Values.monitoring.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- include "rtx.syncWave" "2" | nindent 4 }}
spec:
  jobLabel: app.kubernetes.io/component
  selector:
    matchLabels:
      {{- include "rtx.selectorLabels" $ctx | nindent 6 }}
  endpoints:
    - port: http
      path: /actuator/prometheus
      interval: {{ $root.Values.monitoring.serviceMonitor.interval }}
{{- end }}
{{- end -}}
