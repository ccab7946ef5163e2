import type { Component } from 'vue'
import Picker from '@/modules/indicators/components/IndicatorPicker.vue'

// The indicators module's library picker (`<IndicatorPicker v-model="visible" :year :sector
// :level1 :level2 @pick="rows => …"/>`, interface IndicatorPickerProps in its model.ts).
export const pickerAvailable = true
export const IndicatorPicker: Component | null = Picker
