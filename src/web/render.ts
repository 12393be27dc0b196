import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function renderDocument(node: VNode<any>): string {
  return '<!DOCTYPE html>' + render(node);
}
