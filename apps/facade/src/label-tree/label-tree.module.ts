import { Module } from '@nestjs/common';
import { LabelTreeController } from './label-tree.controller';
import { LabelTreeService } from './label-tree.service';

@Module({ controllers: [LabelTreeController], providers: [LabelTreeService] })
export class LabelTreeModule {}
