{{/* Peers reused by the component NetworkPolicies. */}}
{{- define "rtx.netpol.podPeer" -}}
- podSelector:
    matchLabels:
      {{- include "rtx.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "rtx.netpol.prometheusPeer" -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .Values.prometheus.namespace }}
  podSelector:
    matchLabels:
      {{- toYaml .Values.prometheus.podLabels | nindent 6 }}
{{- end -}}

{{/* Egress rule to the external Kafka brokers. */}}
{{- define "rtx.netpol.kafkaEgress" -}}
- ports:
    {{- range .Values.kafka.networkPolicy.ports }}
    - {protocol: TCP, port: {{ . }}}
    {{- end }}
  {{- with .Values.kafka.networkPolicy.peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "rtx.netpol.storeEgress" -}}
- to:
    {{- include "rtx.netpol.podPeer" (dict "root" .root "component" .component) | nindent 4 }}
  ports:
    - {protocol: TCP, port: {{ .port }}}
{{- end -}}

{{- define "rtx.netpol.metadata" -}}
metadata:
  name: {{ include "rtx.name" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "rtx.labels" . | nindent 4 }}
  annotations:
    {{- include "rtx.syncWave" "-5" | nindent 4 }}
{{- end -}}
