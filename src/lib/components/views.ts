// The views an open capture can be shown in besides the packet panes (DESIGN.md §5), by their name in the URL
// fragment. Each is a component that takes the page state; App.svelte shows the one chosen under the packet list, and
// the toolbar offers only the views listed here.
import type { Component } from 'svelte';
import type { ViewName, ViewerState } from '../state/viewer.svelte';
import SequenceDiagram from './flow/SequenceDiagram.svelte';
import FollowView from './follow/FollowView.svelte';
import ObjectsView from './objects/ObjectsView.svelte';
import IoGraph from './io/IoGraph.svelte';
import ExpertView from './expert/ExpertView.svelte';
import HttpStats from './stats/HttpStats.svelte';
import ConversationsView from './stats/ConversationsView.svelte';
import EndpointsView from './stats/EndpointsView.svelte';
import HierarchyView from './stats/HierarchyView.svelte';
import PropertiesView from './stats/PropertiesView.svelte';

export const VIEW_COMPONENTS: Partial<Record<ViewName, Component<{ viewer: ViewerState }>>> = {
  flow: SequenceDiagram,
  follow: FollowView,
  objects: ObjectsView,
  io: IoGraph,
  expert: ExpertView,
  http: HttpStats,
  conversations: ConversationsView,
  endpoints: EndpointsView,
  hierarchy: HierarchyView,
  properties: PropertiesView,
};
